package app.kftray.kube.internal.transport;

import app.kftray.api.KubeException;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.kube.internal.cluster.ClusterClients;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens {@code pods/portforward} streams as kubectl 1.31+ does: SPDY/3.1 tunneled over one
 * WebSocket per pod and event loop, shared by every stream, so a new connection costs one round
 * trip instead of a TLS and WebSocket handshake. An API server that turns the tunnel down is
 * remembered, and its streams use one {@code v4.channel.k8s.io} WebSocket each.
 */
@Component(service = PortForwardTransport.class)
public final class MultiplexedPortForwardTransport implements PortForwardTransport {
    /** How long a tunnel has to answer a ping when the network changed or the machine woke up. */
    private static final long PROBE_TIMEOUT_MS = 2_000;

    private final ClusterClients clusters;
    private final NetworkRuntime network;
    private final SpdyTunnels tunnels;
    private final WebSocketPortForwardTransport perConnection = new WebSocketPortForwardTransport();
    /** Endpoints (dropped with the cluster's client, so a changed kubeconfig is tried again) without the tunnel. */
    private final Set<ApiEndpoint> withoutTunnel = ConcurrentHashMap.newKeySet();
    /** The endpoint of each cluster a tunnel was prepared for: a new one (the cluster was dropped) dials cold again. */
    private final Map<ClusterRef, ApiEndpoint> dialled = new ConcurrentHashMap<>();

    /**
     * @param clusters the bundle's client cache, for configuration
     * @param network  the shared event loops
     */
    @Activate
    public MultiplexedPortForwardTransport(@Reference ClusterClients clusters, @Reference NetworkRuntime network) {
        this(clusters, network, TunnelSettings.DEFAULT);
    }

    MultiplexedPortForwardTransport(ClusterClients clusters, NetworkRuntime network, TunnelSettings settings) {
        this.clusters = clusters;
        this.network = network;
        this.tunnels = new SpdyTunnels(settings, this::openWithoutTunnel);
        clusters.whenForgotten(cluster -> tunnels.closeCluster(cluster, "the API server of context '"
                + cluster.context() + "' stopped answering"));
        // the first client of a forward should not wait for a cold dial: kubectl too connects before it listens
        clusters.whenFollowed(this::prepare);
    }

    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver) {
        return open(pod, port, receiver, network.group().next());
    }

    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoop loop) {
        return open(new PortForwardRequest(pod, port, receiver, loop, new CompletableFuture<>()));
    }

    /**
     * On a tunnel, the stream is handed out once its request has been written, so the first data follows it
     * without waiting for the reply; a refusal ends it through the receiver. A stream over a WebSocket of
     * its own (a server without tunnels) is handed out once accepted, as by {@code open}.
     */
    @Override
    public CompletionStage<PodStream> openPipelined(PodRef pod, int port, StreamReceiver receiver,
                                                    EventLoop loop) {
        return open(new PortForwardRequest(pod, port, receiver, loop, new CompletableFuture<>(), true));
    }

    private CompletionStage<PodStream> open(PortForwardRequest request) {
        PodRef pod = request.pod();
        ApiEndpoint endpoint;
        try {
            endpoint = clusters.endpoint(pod.cluster());
        } catch (KubeException e) {
            request.opened().completeExceptionally(e);
            return request.opened();
        }
        if (withoutTunnel.contains(endpoint)) {
            perConnection.open(endpoint, request);
        } else {
            tunnels.open(endpoint, request);
        }
        return request.opened();
    }

    /**
     * Dials the pod's tunnel on one loop ahead of any stream; an unused one closes when idle. A server
     * without tunnels has nothing to share, so nothing to open; a failure is left to the first stream.
     * The first dial to a cluster pays for what later ones reuse (its TLS context, an exec plugin's
     * token, the classes and code of the dial): only that one is worth waiting for.
     *
     * @param pod a pod new streams will go to
     * @return completes, never exceptionally, once the first tunnel to the pod's cluster is open or has
     *     failed; at once for a cluster that had one
     */
    CompletionStage<Void> prepare(PodRef pod) {
        ApiEndpoint endpoint;
        try {
            endpoint = clusters.endpoint(pod.cluster());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null); // the first stream reports it
        }
        if (withoutTunnel.contains(endpoint)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> settled = tunnels.prepare(endpoint, pod, network.group().next());
        return dialled.put(pod.cluster(), endpoint) == endpoint ? CompletableFuture.completedFuture(null) : settled;
    }

    private void openWithoutTunnel(ApiEndpoint endpoint, PortForwardRequest request) {
        withoutTunnel.add(endpoint);
        perConnection.open(endpoint, request);
    }

    /** Every tunnel pings now and ends unless answered promptly, so new streams do not wait on dead ones. */
    @Override
    public void revalidate() {
        tunnels.probeAll(PROBE_TIMEOUT_MS);
    }

    /** @return tunnels open or opening, for tests */
    int tunnels() {
        return tunnels.size();
    }

    @Deactivate
    void close() {
        tunnels.closeAll();
    }
}
