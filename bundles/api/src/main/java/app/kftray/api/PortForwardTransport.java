package app.kftray.api;

import app.kftray.api.model.PodRef;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens byte streams to a port of a pod through the Kubernetes API server's
 * {@code pods/portforward} subresource.
 */
@ProviderType
public interface PortForwardTransport {

    /**
     * Opens one stream. Inbound bytes are delivered to {@code receiver} on an event
     * loop thread; the caller releases them.
     *
     * @param pod      the pod
     * @param port     container port
     * @param receiver gets the pod's bytes and the close signal
     * @return the stream once the pod side accepted it; fails with {@link KubeException}. A caller
     *         that no longer needs the stream may cancel the stage's {@code CompletableFuture}; the
     *         stream being set up is then released at once (a connection it shares with other streams stays).
     */
    CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver);

    /**
     * Opens one stream whose connection runs on the given event loop, so a caller that
     * splices it to a channel of that loop needs no thread hand-off (and its backpressure
     * takes effect at once). Implementations that cannot honour the hint behave like
     * {@link #open(PodRef, int, StreamReceiver)}.
     *
     * @param pod      the pod
     * @param port     container port
     * @param receiver gets the pod's bytes and the close signal
     * @param loop     the event loop to run the stream's connection on
     * @return the stream once the pod side accepted it; fails with {@link KubeException}
     */
    default CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoop loop) {
        return open(pod, port, receiver);
    }

    /**
     * As {@link #open(PodRef, int, StreamReceiver, EventLoop)}, but the stream may be handed out as soon as
     * it is asked for, before the API server has accepted it, so that the first bytes written follow the
     * request at once instead of a round trip later. A stream the server then refuses, or does not accept in
     * time, ends through {@code receiver.onClosed} with the error instead of failing the returned stage;
     * a caller must treat an error before the pod's first bytes as a failed connection. Implementations
     * without such streams behave like {@link #open(PodRef, int, StreamReceiver, EventLoop)}.
     *
     * @param pod      the pod
     * @param port     container port
     * @param receiver gets the pod's bytes and the close signal, and a refusal after the stream was handed out
     * @param loop     the event loop to run the stream's connection on
     * @return the stream once it may be written to; fails with {@link KubeException}
     * @since 1.8
     */
    default CompletionStage<PodStream> openPipelined(PodRef pod, int port, StreamReceiver receiver,
                                                     EventLoop loop) {
        return open(pod, port, receiver, loop);
    }

    /**
     * Checks every connection to API servers at once, after the network changed or the machine
     * resumed from sleep: those that do not answer promptly are closed, so new streams dial afresh
     * instead of waiting for dead connections to time out. Returns at once; the checks run in the
     * background. The default does nothing.
     *
     * @since 1.5
     */
    default void revalidate() {
    }

    /** The local end of a stream to a pod. Methods may be called from any thread. */
    interface PodStream {
        /**
         * Sends bytes to the pod; takes ownership of {@code data}.
         *
         * @param data bytes to send
         * @return completes when written to the socket
         */
        CompletionStage<Void> write(ByteBuf data);

        /** @return whether more writes can be queued without growing buffers past the high-water mark */
        boolean isWritable();

        /** @param read whether to keep delivering inbound bytes; {@code false} applies backpressure to the pod */
        void setAutoRead(boolean read);

        /** Half-closes: the pod sees end of input after the bytes already written. */
        void shutdownOutput();

        /** Closes both directions. */
        void close();
    }

    /** Receives what a pod sends. Called on an event loop thread; must not block. */
    interface StreamReceiver {
        /** @param data bytes from the pod; the receiver owns and must release them */
        void onData(ByteBuf data);

        /** @param writable whether {@link PodStream#isWritable()} changed to this value */
        default void onWritabilityChanged(boolean writable) {
        }

        /** @param error why the stream ended, or {@code null} for a clean end */
        void onClosed(Throwable error);
    }
}
