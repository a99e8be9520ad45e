package app.kftray.kube.internal.transport;

import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.api.PortForwardTransport.PodStream;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@code pods/portforward} streams with one WebSocket ({@code v4.channel.k8s.io}) per
 * stream: what every API server accepts, used for clusters that do not tunnel SPDY.
 */
final class WebSocketPortForwardTransport {
    /** Pings keep idle forwards alive through proxies and load balancers, and find dead connections. */
    private static final int PING_SECONDS = 30;

    /**
     * Opens the requested stream on its event loop; completes (or fails) its {@code opened}
     * future, and releases the connection at once if the caller cancels it. Credentials the
     * server rejects (401) are refreshed and the stream is tried once more.
     *
     * @param endpoint the API server
     * @param request  the stream
     */
    void open(ApiEndpoint endpoint, PortForwardRequest request) {
        endpoint.credentials().current().whenComplete((auth, error) -> {
            if (error != null) {
                request.opened().completeExceptionally(error instanceof CompletionException
                        && error.getCause() != null ? error.getCause() : error);
            } else {
                open(endpoint, auth, request);
            }
        });
    }

    private void open(ApiEndpoint endpoint, HttpHeaders auth, PortForwardRequest request) {
        CompletableFuture<PodStream> attempt = new CompletableFuture<>();
        dial(endpoint, auth, request, attempt);
        attempt.whenComplete((stream, error) -> {
            if (error == null) {
                if (!request.opened().complete(stream)) {
                    stream.close(); // the caller gave up meanwhile
                }
            } else if (PortForwardErrors.unauthorized(error) && !request.opened().isDone()) {
                endpoint.credentials().refreshAfter(auth).whenComplete((refreshed, failure) -> {
                    if (failure != null) {
                        request.opened().completeExceptionally(failure instanceof CompletionException
                                && failure.getCause() != null ? failure.getCause() : failure);
                    } else {
                        dial(endpoint, endpoint.credentials().headers(), request, request.opened());
                    }
                });
            } else {
                request.opened().completeExceptionally(error);
            }
        });
    }

    private void dial(ApiEndpoint endpoint, HttpHeaders auth, PortForwardRequest request,
            CompletableFuture<PodStream> opened) {
        String path = "/api/v1/namespaces/" + request.pod().namespace() + "/pods/" + request.pod().name()
                + "/portforward?ports=" + request.port();
        PodStreamHandler streamHandler = new PodStreamHandler(request.receiver(), opened, request.target());
        ChannelFuture connect = PortForwardChannelInitializer.connect(endpoint, auth, request.loop(), path,
                PortForwardFrames.SUBPROTOCOL, pipeline -> {
                    pipeline.addLast(new WebSocketFrameAggregator(PortForwardChannelInitializer.MAX_MESSAGE));
                    pipeline.addLast(new IdleStateHandler(PING_SECONDS, 0, 0, TimeUnit.SECONDS));
                    pipeline.addLast(new KeepAlivePinger());
                    pipeline.addLast(streamHandler);
                });
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(
                        PortForwardErrors.unreachable(endpoint, request.target(), f.cause()));
            }
        });
        // a caller that gave up (its client left) cancels: release the half-open connection at once
        request.opened().whenComplete((stream, error) -> {
            if (request.opened().isCancelled()) {
                connect.channel().close();
            }
        });
    }
}
