package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardMonitor;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.net.ListenAddress;
import app.kftray.relay.protocol.DatagramFraming;
import app.kftray.relay.protocol.FrameBatch;
import app.kftray.relay.protocol.OversizeFrameException;
import app.kftray.net.OnEventLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local peer's datagrams on its own framed stream to the relay, and the relay's replies
 * back to that peer only. Every method runs on the forward's event loop; stream callbacks are
 * moved onto it. Datagrams are dropped, as UDP allows, while the stream cannot take them.
 * The frames of the datagrams read from the local socket in one pass go to the stream as one
 * write, and the replies decoded from one read of the stream leave the socket together.
 */
final class RelayFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);
    /** Datagrams kept while the stream is being opened; a burst beyond it is dropped. */
    static final int MAX_PENDING = 256;

    private enum State { OPENING, OPEN, CLOSED }

    /** Where replies go: the forward's local socket. */
    interface Replies {
        /**
         * @param peer     the local peer
         * @param datagram a reply to it; ownership passes
         */
        void send(InetSocketAddress peer, ByteBuf datagram);

        /** Sends the replies given since the last flush. */
        void flush();
    }

    private final String forward;
    private final InetSocketAddress peer;
    private final EventLoop loop;
    private final ForwardMonitor monitor;
    private final Replies replies;
    private final Consumer<RelayFlow> onClosed;
    private final FrameCodec codec = new FrameCodec();
    private final Queue<ByteBuf> pending = new ArrayDeque<>();
    private State state = State.OPENING;
    private PodStream stream;
    /** Frames not yet written to the stream. */
    private final FrameBatch batch = new FrameBatch(DatagramFraming.MAX_DATAGRAM_BYTES);
    private long lastActivity;
    private long dropped;
    /** When the flow began ({@link System#nanoTime()}), for the connect latency. */
    private final long began;
    /** Whether the relay sent anything on this flow: it is there. */
    private boolean relayAnswered;

    /**
     * @param forward  the forward's name, for messages
     * @param peer     the local peer
     * @param loop     the forward's event loop
     * @param monitor  the forward's counters
     * @param replies  sends reply datagrams to peers
     * @param onClosed told once when the flow has closed
     */
    RelayFlow(String forward, InetSocketAddress peer, EventLoop loop, ForwardMonitor monitor,
              Replies replies, Consumer<RelayFlow> onClosed) {
        this.forward = forward;
        this.peer = peer;
        this.loop = loop;
        this.monitor = monitor;
        this.replies = replies;
        this.onClosed = onClosed;
        this.lastActivity = System.nanoTime();
        this.began = lastActivity;
        monitor.connectionOpened(peerText());
    }

    /** @return the receiver to give the transport when opening this flow's stream */
    StreamReceiver receiver() {
        return new StreamReceiver() {
            @Override
            public void onData(ByteBuf data) {
                OnEventLoop.run(loop, () -> received(data), data::release);
            }

            @Override
            public void onClosed(Throwable error) {
                OnEventLoop.run(loop, () -> streamClosed(error), () -> { });
            }
        };
    }

    /** @param opening the transport's answer to this flow's open request */
    void whenOpened(CompletionStage<PodStream> opening) {
        opening.whenComplete((opened, error) -> OnEventLoop.run(loop, () -> opened(opened, error), () -> {
            if (opened != null) {
                opened.close();
            }
        }));
    }

    InetSocketAddress peer() {
        return peer;
    }

    /** @return when this flow last sent or received a datagram ({@link System#nanoTime()}) */
    long lastActivity() {
        return lastActivity;
    }

    /**
     * @param datagram a datagram from the peer; ownership passes to the flow
     * @return whether it started a batch of frames: the caller then calls {@link #flushBatch}
     *         once the socket's read pass is over
     */
    boolean send(ByteBuf datagram) {
        lastActivity = System.nanoTime();
        switch (state) {
            case OPENING -> {
                if (pending.size() < MAX_PENDING) {
                    pending.add(datagram);
                } else {
                    drop(datagram);
                }
                return false;
            }
            case OPEN -> {
                return batch(datagram);
            }
            default -> {
                datagram.release();
                return false;
            }
        }
    }

    /** Writes the frames batched since the last call to the stream. */
    void flushBatch() {
        ByteBuf frames = batch.take();
        if (frames == null) {
            return;
        }
        if (state != State.OPEN) {
            frames.release();
            return;
        }
        stream.write(frames).whenComplete((ok, error) -> {
            if (error != null) {
                OnEventLoop.run(loop, () -> streamClosed(error), () -> { });
            }
        });
    }

    /** Closes the stream and forgets queued datagrams; idempotent. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        pending.forEach(ByteBuf::release);
        pending.clear();
        batch.discard();
        if (stream != null) {
            stream.close();
        }
        try {
            codec.finish();
        } catch (RuntimeException ignored) {
            // we ended the stream ourselves: a partial reply frame is expected then
        }
        if (dropped > 0) {
            LOG.debug("forward {}: flow of {} dropped {} datagram(s) the stream could not take", forward, peerText(), dropped);
        }
        monitor.connectionClosed(peerText());
        onClosed.accept(this);
    }

    private void opened(PodStream opened, Throwable error) {
        if (error != null) {
            String message = "udp peer " + peerText() + ": cannot open a stream to the relay: " + rootMessage(error);
            LOG.warn("forward {}: {}", forward, message);
            monitor.connectionError(message);
            monitor.targetFailed(new IOException(message, error));
            close();
            return;
        }
        if (state == State.CLOSED) {
            opened.close();
            return;
        }
        stream = opened;
        state = State.OPEN;
        monitor.targetConnected(Duration.ofNanos(System.nanoTime() - began));
        for (ByteBuf datagram = pending.poll(); datagram != null; datagram = pending.poll()) {
            batch(datagram);
        }
        flushBatch();
    }

    private boolean batch(ByteBuf datagram) {
        if (!stream.isWritable()) {
            drop(datagram);
            return false;
        }
        int length = datagram.readableBytes();
        boolean wasEmpty = batch.isEmpty();
        try {
            batch.add(datagram.alloc(), datagram);
            monitor.bytesOut(length);
        } catch (OversizeFrameException tooLarge) {
            // the socket reads one byte past the limit, so the length seen is not the datagram's own
            monitor.connectionError("udp peer " + peerText() + ": a datagram over the relay's limit of "
                    + tooLarge.maximum() + " bytes was dropped");
        } finally {
            datagram.release();
        }
        return wasEmpty && !batch.isEmpty();
    }

    private void received(ByteBuf bytes) {
        if (state == State.CLOSED) {
            bytes.release();
            return;
        }
        try {
            codec.decode(bytes, this::reply);
        } catch (RuntimeException badFrame) {
            badFrame(badFrame);
        } finally {
            replies.flush();
        }
    }

    private void reply(ByteBuf datagram) {
        if (!relayAnswered) {
            relayAnswered = true; // a stream that opens is no proof: the relay behind it may be gone
            monitor.targetReached();
        }
        if (!datagram.isReadable() || state == State.CLOSED) {
            // a zero-length frame is a keep-alive (kftray's relay sends it as "no reply")
            datagram.release();
            return;
        }
        lastActivity = System.nanoTime();
        monitor.bytesIn(datagram.readableBytes());
        replies.send(peer, datagram);
    }

    private void streamClosed(Throwable error) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            codec.finish();
        } catch (RuntimeException truncated) {
            badFrame(truncated);
            return;
        }
        if (error != null) {
            String message = "udp peer " + peerText() + ": the relay stream failed: " + rootMessage(error);
            LOG.warn("forward {}: {}", forward, message);
            monitor.connectionError(message);
            if (!relayAnswered) {
                monitor.targetFailed(new IOException(message, error));
            }
        }
        close();
    }

    private void badFrame(RuntimeException error) {
        String message = "udp peer " + peerText() + ": bad frame from the relay, flow closed: " + rootMessage(error);
        LOG.error("forward {}: {}", forward, message);
        monitor.connectionError(message);
        close();
    }

    private void drop(ByteBuf datagram) {
        dropped++;
        datagram.release();
    }

    private String peerText() {
        return ListenAddress.text(peer);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
