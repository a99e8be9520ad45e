package app.kftray.forward.tcp.internal;

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

/** A forward context with a fixed config whose target can be switched or taken away. */
final class TestForwardContext implements ForwardContext {
    private final ForwardConfig config;
    private final PortForwardTransport transport;
    private final EventLoopGroup group;
    private final ForwardMonitor monitor;
    private volatile ResolvedTarget target;
    private volatile HttpLogService httpLog;

    TestForwardContext(ForwardConfig config, PortForwardTransport transport, EventLoopGroup group,
                       ForwardMonitor monitor) {
        this.config = config;
        this.transport = transport;
        this.group = group;
        this.monitor = monitor;
    }

    static ForwardConfig config(int localPort) {
        return ForwardConfig.builder().id(7L).alias("web").namespace("default").service("web")
                .remotePort(80).localPort(localPort).build();
    }

    /** @param backendPort the port of a loopback backend, or 0 for "no target right now" */
    void targetPort(int backendPort) {
        target = backendPort == 0 ? null
                : new ResolvedTarget(new PodRef(new ClusterRef(null, "test"), "default", "web-0", "u1"), backendPort);
    }

    void httpLog(HttpLogService service) {
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
            throw new KubeException(KubeException.Reason.NOT_READY, "no ready pod for forward 'web' right now", null);
        }
        return now;
    }

    @Override
    public PortForwardTransport transport() {
        return transport;
    }

    @Override
    public KubeAccess kube() {
        throw new UnsupportedOperationException("tcp forwards do not use the cluster directly");
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
