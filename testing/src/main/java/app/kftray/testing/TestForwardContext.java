package app.kftray.testing;

import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import io.netty.channel.EventLoopGroup;
import java.util.Optional;

/**
 * A forward context with a fixed config whose target, a loopback port standing in for a pod, can
 * be switched or taken away. Shared by the tests of the tcp and udp handlers.
 */
public final class TestForwardContext implements ForwardContext {
    private final ForwardConfig config;
    private final String notReadyMessage;
    private final PortForwardTransport transport;
    private final EventLoopGroup group;
    private final ForwardMonitor monitor;
    private volatile ResolvedTarget target;
    private volatile HttpLogService httpLog;

    /**
     * @param config          the forward
     * @param notReadyMessage what {@link #currentTarget()} says while there is no target
     * @param transport       the transport handed to the handler
     * @param group           the event loops
     * @param monitor         the forward's counters
     */
    public TestForwardContext(ForwardConfig config, String notReadyMessage, PortForwardTransport transport,
                              EventLoopGroup group, ForwardMonitor monitor) {
        this.config = config;
        this.notReadyMessage = notReadyMessage;
        this.transport = transport;
        this.group = group;
        this.monitor = monitor;
    }

    /**
     * @param pod  the name of the pod standing behind the port
     * @param port the port of a loopback backend, or 0 for "no target right now"
     */
    public void target(String pod, int port) {
        target = port == 0 ? null
                : new ResolvedTarget(new PodRef(new ClusterRef(null, "test"), "default", pod, "u1"), port);
    }

    /** @param service the HTTP logger the forward gets from now on */
    public void httpLog(HttpLogService service) {
        httpLog = service;
    }

    @Override
    public ForwardConfig config() {
        return config;
    }

    @Override
    public ResolvedTarget currentTarget() {
        ResolvedTarget now = target;
        if (now == null) {
            throw new KubeException(KubeException.Reason.NOT_READY, notReadyMessage, null);
        }
        return now;
    }

    @Override
    public PortForwardTransport transport() {
        return transport;
    }

    @Override
    public KubeAccess kube() {
        throw new UnsupportedOperationException("these forwards do not use the cluster directly");
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public ForwardMonitor monitor() {
        return monitor;
    }

    @Override
    public Optional<HttpLogService> httpLog() {
        return Optional.ofNullable(httpLog);
    }
}
