package app.kftray.kube.internal.transport;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.net.OnEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

/**
 * The open SPDY tunnels: one per pod and event loop, so a stream's I/O runs on the loop its
 * caller asked for and parallel connections spread over the loops. Thread-safe.
 */
final class SpdyTunnels implements SpdyTunnel.Owner {
    private record Key(PodRef pod, EventLoop loop) {
    }

    private final ConcurrentMap<Key, SpdyTunnel> tunnels = new ConcurrentHashMap<>();
    private final TunnelSettings settings;
    private final BiConsumer<ApiEndpoint, PortForwardRequest> whenRefused;

    /**
     * @param settings    timing and memory bounds
     * @param whenRefused opens a stream another way when the server turns the tunnel down
     */
    SpdyTunnels(TunnelSettings settings, BiConsumer<ApiEndpoint, PortForwardRequest> whenRefused) {
        this.settings = settings;
        this.whenRefused = whenRefused;
    }

    /**
     * Opens the requested stream on the tunnel of its pod and loop, dialling one if there is none.
     *
     * @param endpoint the pod's API server
     * @param request  the stream; its future is completed or failed
     */
    void open(ApiEndpoint endpoint, PortForwardRequest request) {
        Key key = new Key(request.pod(), request.loop());
        SpdyTunnel tunnel = tunnels.computeIfAbsent(key,
                k -> new SpdyTunnel(endpoint, k.pod(), k.loop(), settings, this));
        Runnable openOnLoop = () -> {
            if (!tunnel.open(request)) {
                // it closed (or ran out of stream ids) since it was looked up: use a new one
                tunnels.remove(key, tunnel);
                open(endpoint, request);
            }
        };
        OnEventLoop.run(tunnel.loop(), openOnLoop, () -> request.opened().completeExceptionally(new KubeException(
                Reason.UNREACHABLE, "port-forward to " + request.target() + ": the event loop is shutting down", null)));
    }

    /**
     * Dials the tunnel of a pod and loop before any stream needs it, unless there is one.
     *
     * @param endpoint the pod's API server
     * @param pod      the pod
     * @param loop     the loop the tunnel runs on
     * @return completes once that tunnel is open or has ended, never exceptionally
     */
    CompletionStage<Void> prepare(ApiEndpoint endpoint, PodRef pod, EventLoop loop) {
        SpdyTunnel tunnel = tunnels.computeIfAbsent(new Key(pod, loop),
                k -> new SpdyTunnel(endpoint, k.pod(), k.loop(), settings, this));
        CompletableFuture<Void> settled = new CompletableFuture<>();
        OnEventLoop.run(tunnel.loop(), () -> tunnel.prepare().whenComplete((done, never) -> settled.complete(null)),
                () -> settled.complete(null));
        return settled;
    }

    /**
     * Ends the tunnels to one cluster, e.g. one found unreachable; their streams end with {@code reason}.
     *
     * @param cluster the cluster
     * @param reason  why, for the streams' callers
     */
    void closeCluster(ClusterRef cluster, String reason) {
        for (SpdyTunnel tunnel : List.copyOf(tunnels.values())) {
            if (tunnel.pod().cluster().equals(cluster)) {
                OnEventLoop.later(tunnel.loop(), () -> tunnel.close(reason), () -> { });
            }
        }
    }

    /** @param timeoutMs how long each open tunnel has to answer a ping before it is ended */
    void probeAll(long timeoutMs) {
        for (SpdyTunnel tunnel : List.copyOf(tunnels.values())) {
            OnEventLoop.later(tunnel.loop(), () -> tunnel.probe(timeoutMs), () -> { });
        }
    }

    /** @return how many tunnels are open or opening */
    int size() {
        return tunnels.size();
    }

    /** Ends every tunnel and its streams. */
    void closeAll() {
        for (SpdyTunnel tunnel : List.copyOf(tunnels.values())) {
            // a loop that is gone took its connections with it
            OnEventLoop.later(tunnel.loop(), tunnel::shutdown, () -> { });
        }
        tunnels.clear();
    }

    @Override
    public void gone(SpdyTunnel tunnel) {
        tunnels.values().remove(tunnel);
    }

    @Override
    public void refused(ApiEndpoint endpoint, PortForwardRequest request) {
        whenRefused.accept(endpoint, request);
    }
}
