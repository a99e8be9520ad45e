package app.kftray.httplog.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.HttpLogService;
import app.kftray.api.KftrayHome;
import app.kftray.api.model.ForwardConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP logging service: one dispatcher (one worker thread) for every tapped connection,
 * writing under {@code <kftray home>/http_logs/}. The application settings (body level, file size,
 * retention, total cap) are read again every few seconds, so a change applies while forwards run.
 */
@Component(service = HttpLogService.class, configurationPid = HttpLogConfiguration.PID)
@Designate(ocd = HttpLogConfiguration.class)
public final class HttpLogComponent implements HttpLogService {
    private static final Logger LOG = LoggerFactory.getLogger(HttpLogComponent.class);
    private static final Duration SETTINGS_REFRESH = Duration.ofSeconds(2);

    private final LogPolicy policy;
    private final TapDispatcher dispatcher;
    private final ScheduledExecutorService settingsReader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kftray-httplog-settings");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigStore configs;

    /**
     * @param context the bundle context (the kftray home)
     * @param config  the component configuration (defaults when none is set)
     */
    @Activate
    public HttpLogComponent(BundleContext context, HttpLogConfiguration config) {
        this(HttpLogSettings.from(config, KftrayHome.resolve(context::getProperty, System.getenv()).httpLogs()),
                Duration.ofSeconds(Math.max(1, config.cleanup_interval_seconds())));
    }

    HttpLogComponent(HttpLogSettings settings) {
        this(settings, Duration.ofMinutes(1));
    }

    HttpLogComponent(HttpLogSettings settings, Duration cleanupInterval) {
        this.policy = new LogPolicy(settings);
        LogSweeper sweeper = new LogSweeper(settings.logRoot(), policy);
        this.dispatcher = new TapDispatcher(settings, policy, new FileExchangeSink(settings, policy), sweeper::sweep,
                cleanupInterval);
        settingsReader.scheduleWithFixedDelay(this::readSettings, 0, SETTINGS_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public HttpTap open(ForwardConfig config, String connectionId) {
        return dispatcher.open(LogLocations.forwardName(config), connectionId);
    }

    /** @return counters since activation, for diagnostics */
    TapStatistics statistics() {
        return dispatcher.statistics();
    }

    /** @return the limits in force */
    LogPolicy policy() {
        return policy;
    }

    /** Takes the application settings as they are now; without a store the limits stay as they are. */
    void readSettings() {
        ConfigStore store = configs;
        if (store == null) {
            return;
        }
        try {
            policy.refresh(store::setting);
            policy.ownLimits(store.httpLogLimits());
        } catch (RuntimeException e) {
            // the database is busy or gone for a moment: keep the limits in force
            LOG.debug("Cannot read the HTTP log settings: {}", e.toString());
        }
    }

    /** Writes what is pending and stops the worker. */
    @Deactivate
    void deactivate() {
        settingsReader.shutdownNow();
        dispatcher.close();
    }
}
