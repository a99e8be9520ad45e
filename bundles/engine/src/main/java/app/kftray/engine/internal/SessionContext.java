package app.kftray.engine.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.HostsHelper;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import io.netty.channel.EventLoopGroup;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a protocol handler sees of one forward. The target is the one its {@link TargetTracker}
 * serves now; while there is none (reconnecting) new connections are refused at once.
 */
final class SessionContext implements ForwardContext {
    private final ForwardConfig config;
    private final EngineServices services;
    private final TrafficMonitor monitor;
    private final Supplier<ResolvedTarget> target;
    /** The saved flag as it is now: switching it applies to the next connection without a restart. */
    private volatile boolean httpLogging;

    /**
     * @param config   the forward
     * @param services what the engine shares
     * @param monitor  the forward's counters
     * @param target   where new connections go now, or {@code null} while there is no target
     */
    SessionContext(ForwardConfig config, EngineServices services, TrafficMonitor monitor,
                   Supplier<ResolvedTarget> target) {
        this.config = config;
        this.services = services;
        this.monitor = monitor;
        this.target = target;
        this.httpLogging = config.httpLogsEnabled();
    }

    /** @param enabled whether connections opened from now on are logged */
    void httpLogging(boolean enabled) {
        httpLogging = enabled;
    }

    @Override
    public ForwardConfig config() {
        return config;
    }

    @Override
    public ResolvedTarget currentTarget() {
        ResolvedTarget now = target.get();
        if (now == null) {
            throw new KubeException(KubeException.Reason.NOT_READY, "forward '" + config.displayName()
                    + "' has no ready pod right now; it is reconnecting", null);
        }
        return now;
    }

    @Override
    public PortForwardTransport transport() {
        return services.transport();
    }

    @Override
    public KubeAccess kube() {
        return services.kube();
    }

    @Override
    public EventLoopGroup group() {
        return services.group();
    }

    @Override
    public ForwardMonitor monitor() {
        return monitor;
    }

    @Override
    public Optional<HostsHelper> hostsHelper() {
        return Optional.ofNullable(services.hostsHelper().get());
    }

    @Override
    public Optional<HttpLogService> httpLog() {
        return httpLogging ? Optional.ofNullable(services.httpLog().get()) : Optional.empty();
    }
}
