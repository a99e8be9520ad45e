package app.kftray.protocol.socks5.internal;

import app.kftray.api.PortForwardTransport;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.api.model.ResolvedTarget;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns a CONNECT destination into an open pod stream: the name is resolved on a lookup
 * thread (the API server calls block), then the transport opens the stream. Failures
 * arrive as {@link Refusal}s.
 *
 * @param destinations resolves names in the forward's namespace
 * @param transport    opens pod streams
 * @param lookups      where the blocking name lookups run
 */
record PodConnector(ClusterDestinations destinations, PortForwardTransport transport, Executor lookups) {

    /** An open stream and where it leads. */
    record Connection(ResolvedTarget target, PodStream stream) {
    }

    /**
     * @param host     requested host
     * @param port     requested port
     * @param receiver gets the pod's bytes
     * @return completes with the open stream, or fails with a {@link Refusal}
     */
    CompletableFuture<Connection> connect(String host, int port, StreamReceiver receiver) {
        CompletableFuture<ResolvedTarget> resolved;
        try {
            resolved = CompletableFuture.supplyAsync(() -> destinations.resolve(host, port), lookups);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new Refusal(Socks5CommandStatus.FAILURE,
                    "too many name lookups in progress; try again"));
        }
        return resolved.thenCompose(target -> open(target, receiver)
                        .thenApply(stream -> new Connection(target, stream)))
                .handle((connection, error) -> {
                    if (error != null) {
                        throw Refusal.of(error);
                    }
                    return connection;
                });
    }

    private CompletableFuture<PodStream> open(ResolvedTarget target, StreamReceiver receiver) {
        try {
            return transport.open(target.pod(), target.port(), receiver).toCompletableFuture()
                    .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                            withTarget(target, Refusal.of(error))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(withTarget(target, Refusal.of(e)));
        }
    }

    private static Refusal withTarget(ResolvedTarget target, Refusal refusal) {
        return new Refusal(refusal.status(), "cannot open a stream to " + target + ": " + refusal.getMessage());
    }
}
