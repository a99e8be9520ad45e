package app.kftray.httplog.internal;

import app.kftray.api.HttpLogService;
import app.kftray.api.KftrayHome;
import app.kftray.api.model.ForwardConfig;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The HTTP logging service: one dispatcher (one worker thread) for every tapped connection,
 * writing under {@code <kftray home>/http_logs/}.
 */
@Component(service = HttpLogService.class, configurationPid = HttpLogConfiguration.PID)
@Designate(ocd = HttpLogConfiguration.class)
public final class HttpLogComponent implements HttpLogService {
    private final TapDispatcher dispatcher;

    /**
     * @param context the bundle context (the kftray home)
     * @param config  the component configuration (defaults when none is set)
     */
    @Activate
    public HttpLogComponent(BundleContext context, HttpLogConfiguration config) {
        this(HttpLogSettings.from(config, KftrayHome.resolve(context::getProperty, System.getenv()).httpLogs()));
    }

    HttpLogComponent(HttpLogSettings settings) {
        this.dispatcher = new TapDispatcher(settings, new FileExchangeSink(settings));
    }

    @Override
    public HttpTap open(ForwardConfig config, String connectionId) {
        return dispatcher.open(LogLocations.forwardName(config), connectionId);
    }

    /** @return counters since activation, for diagnostics */
    TapStatistics statistics() {
        return dispatcher.statistics();
    }

    /** Writes what is pending and stops the worker. */
    @Deactivate
    void deactivate() {
        dispatcher.close();
    }
}
