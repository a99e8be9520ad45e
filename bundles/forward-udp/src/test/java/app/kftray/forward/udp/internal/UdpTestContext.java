package app.kftray.forward.udp.internal;

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

/** A udp forward's context whose "relay pod" is a loopback port that can be switched or taken away. */
class UdpTestContext implements ForwardContext {
    private final ForwardConfig config = ForwardConfig.builder().id(9L).alias("dns").namespace("default")
            .service("dns").remotePort("53").protocol("udp").localPort(0).build();
    private final PortForwardTransport transport;
    private final EventLoopGroup group;
    private final ForwardMonitor monitor;
    private volatile ResolvedTarget target;

    UdpTestContext(PortForwardTransport transport, EventLoopGroup group, ForwardMonitor monitor) {
        this.transport = transport;
        this.group = group;
        this.monitor = monitor;
    }

    /** @param relayPort the port of a loopback relay, or 0 for "no relay ready right now" */
    void relayPort(int relayPort) {
        target = relayPort == 0 ? null
                : new ResolvedTarget(new PodRef(new ClusterRef(null, "test"), "default", "relay-0", "u1"), relayPort);
    }

    @Override
    public ForwardConfig config() {
        return config;
    }

    @Override
    public ResolvedTarget currentTarget() {
        ResolvedTarget now = target;
        if (now == null) {
            throw new KubeException(KubeException.Reason.NOT_READY, "the relay of forward 'dns' is not ready", null);
        }
        return now;
    }

    @Override
    public PortForwardTransport transport() {
        return transport;
    }

    @Override
    public KubeAccess kube() {
        throw new UnsupportedOperationException("udp forwards do not use the cluster directly");
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
        return Optional.empty();
    }
}
