package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import io.netty.channel.EventLoopGroup;
import java.util.Optional;

/** What the engine would hand the handler for a socks5 forward of namespace {@code dev}. */
record SocksTestContext(ForwardConfig config, KubeAccess kube, PortForwardTransport transport, EventLoopGroup group,
                        ForwardMonitor monitor) implements ForwardContext {

    static ForwardConfig namespaceConfig() {
        return ForwardConfig.builder().id(9L).alias("dev-socks").context("test").namespace("dev")
                .workloadType(WorkloadType.NAMESPACE).protocol("socks5").localPort(0).build();
    }

    @Override
    public ResolvedTarget currentTarget() {
        throw new KubeException(KubeException.Reason.INVALID, "a namespace forward has no single target", null);
    }

    @Override
    public Optional<HttpLogService> httpLog() {
        return Optional.empty();
    }
}
