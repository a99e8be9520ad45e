package app.kftray.kube.internal;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.PodRef;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens {@code pods/portforward} streams with Netty: one WebSocket
 * ({@code v4.channel.k8s.io}) per stream, on the shared event loop group, with the
 * cluster's TLS settings and credentials from the kubeconfig.
 */
@Component(service = PortForwardTransport.class)
public final class WebSocketPortForwardTransport implements PortForwardTransport {
    /** Enough to keep a fast link busy while bounding memory per stream. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final ClusterClients clusters;
    private final NetworkRuntime network;

    /**
     * @param clusters the bundle's client cache, for configuration
     * @param network  the shared event loops
     */
    @Activate
    public WebSocketPortForwardTransport(@Reference ClusterClients clusters, @Reference NetworkRuntime network) {
        this.clusters = clusters;
        this.network = network;
    }

    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver) {
        return open(pod, port, receiver, network.group());
    }

    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoop loop) {
        return open(pod, port, receiver, (EventLoopGroup) loop);
    }

    private CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoopGroup loops) {
        CompletableFuture<PodStream> opened = new CompletableFuture<>();
        ApiEndpoint endpoint;
        try {
            endpoint = clusters.endpoint(pod.cluster());
        } catch (KubeException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        String path = "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/portforward?ports=" + port;
        String target = pod + ":" + port;
        ChannelFuture connect = new Bootstrap()
                .group(loops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new PortForwardChannelInitializer(endpoint, endpoint.webSocket(path),
                        new PodStreamHandler(receiver, opened, target)))
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(new KubeException(Reason.UNREACHABLE, "cannot connect to the API server "
                        + endpoint.server() + " for port-forward to " + target + ": " + f.cause().getMessage(),
                        f.cause()));
            }
        });
        // a caller that gave up (its client left) cancels: release the half-open connection at once
        opened.whenComplete((stream, error) -> {
            if (opened.isCancelled()) {
                connect.channel().close();
            }
        });
        return opened;
    }
}
