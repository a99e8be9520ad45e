package app.kftray.bench;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.ProtocolHandler;
import app.kftray.forward.tcp.internal.TcpProtocolHandler;
import app.kftray.kube.internal.cluster.ClusterClients;
import app.kftray.kube.internal.cluster.FabricKubeAccess;
import app.kftray.kube.internal.cluster.FabricKubeWorkloads;
import app.kftray.kube.internal.transport.MultiplexedPortForwardTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * kftray's TCP data path outside OSGi: the kube bundle's resolver and port-forward transport and the
 * forward-tcp handler, wired by hand on one event loop group as the net bundle would wire them.
 */
final class DataPath implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory("kftray-io", true), NioIoHandler.newFactory());
    private final ClusterClients clusters = new ClusterClients();
    private final KubeAccess kube = new FabricKubeAccess(clusters);
    private final KubeWorkloads workloads = new FabricKubeWorkloads(clusters);
    private final PortForwardTransport transport;
    private final ProtocolHandler tcp = new TcpProtocolHandler();

    DataPath() {
        NetworkRuntime network = () -> group;
        transport = new MultiplexedPortForwardTransport(clusters, network);
    }

    EventLoopGroup group() {
        return group;
    }

    KubeAccess kube() {
        return kube;
    }

    /** @return creates and deletes pods kftray runs itself, such as relays */
    KubeWorkloads workloads() {
        return workloads;
    }

    PortForwardTransport transport() {
        return transport;
    }

    ProtocolHandler tcp() {
        return tcp;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
