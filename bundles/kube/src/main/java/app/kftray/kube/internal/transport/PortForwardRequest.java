package app.kftray.kube.internal.transport;

import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.api.model.PodRef;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * One stream a caller asked for.
 *
 * @param pod      the pod
 * @param port     its container port
 * @param receiver gets the pod's bytes and the end
 * @param loop     the event loop the stream's I/O runs on
 * @param opened   completed with the stream, or failed; the caller may cancel it
 * @param pipelined whether the stream may be handed out before the server accepted it (the caller takes a
 *                  refusal through the receiver)
 */
record PortForwardRequest(PodRef pod, int port, StreamReceiver receiver, EventLoop loop,
                          CompletableFuture<PodStream> opened, boolean pipelined) {

    /** A stream handed out once the server accepted it. */
    PortForwardRequest(PodRef pod, int port, StreamReceiver receiver, EventLoop loop,
                       CompletableFuture<PodStream> opened) {
        this(pod, port, receiver, loop, opened, false);
    }

    /** @return the forward's target for messages, e.g. {@code dev/web-1:8080} */
    String target() {
        return pod + ":" + port;
    }
}
