package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardMonitor;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.net.ListenAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local peer's datagrams on its own framed stream to the relay, and the relay's replies
 * back to that peer only. Every method runs on the forward's event loop; stream callbacks are
 * moved onto it. Datagrams are dropped, as UDP allows, while the stream cannot take them.
 */
final class RelayFlow {
    private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);
    /** Datagrams kept while the stream is being opened; a burst beyond it is dropped. */
    static final int MAX_PENDING = 256;

    private enum State { OPENING, OPEN, CLOSED }

    private final String forward;
    private final InetSocketAddress peer;
    private final EventLoop loop;
    private final ForwardMonitor monitor;
    private final BiConsumer<InetSocketAddress, ByteBuf> replies;
    private final Consumer<RelayFlow> onClosed;
    private final FrameCodec codec = new FrameCodec();
    private final Queue<ByteBuf> pending = new ArrayDeque<>();
    private State state = State.OPENING;
    private PodStream stream;
    private long lastActivity;
    private long dropped;

    /**
     * @param forward  the forward's name, for messages
     * @param peer     the local peer
     * @param loop     the forward's event loop
     * @param monitor  the forward's counters
     * @param replies  sends a reply datagram to a peer (takes ownership)
     * @param onClosed told once when the flow has closed
     */
    RelayFlow(String forward, InetSocketAddress peer, EventLoop loop, ForwardMonitor monitor,
              BiConsumer<InetSocketAddress, ByteBuf> replies, Consumer<RelayFlow> onClosed) {
        this.forward = forward;
        this.peer = peer;
        this.loop = loop;
        this.monitor = monitor;
        this.replies = replies;
        this.onClosed = onClosed;
        this.lastActivity = System.nanoTime();
        monitor.connectionOpened(peerText());
    }

    /** @return the receiver to give the transport when opening this flow's stream */
    StreamReceiver receiver() {
        return new StreamReceiver() {
            @Override
            public void onData(ByteBuf data) {
                onLoop(() -> received(data), data::release);
            }

            @Override
            public void onClosed(Throwable error) {
                onLoop(() -> streamClosed(error), () -> { });
            }
        };
    }

    /** @param opening the transport's answer to this flow's open request */
    void whenOpened(CompletionStage<PodStream> opening) {
        opening.whenComplete((opened, error) -> onLoop(() -> opened(opened, error), () -> {
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

    /** @param datagram a datagram from the peer; ownership passes to the flow */
    void send(ByteBuf datagram) {
        lastActivity = System.nanoTime();
        switch (state) {
            case OPENING -> {
                if (pending.size() < MAX_PENDING) {
                    pending.add(datagram);
                } else {
                    drop(datagram);
                }
            }
            case OPEN -> write(datagram);
            default -> datagram.release();
        }
    }

    /** Closes the stream and forgets queued datagrams; idempotent. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        pending.forEach(ByteBuf::release);
        pending.clear();
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
            monitor.targetFailed(error);
            close();
            return;
        }
        if (state == State.CLOSED) {
            opened.close();
            return;
        }
        stream = opened;
        state = State.OPEN;
        for (ByteBuf datagram = pending.poll(); datagram != null; datagram = pending.poll()) {
            write(datagram);
        }
    }

    private void write(ByteBuf datagram) {
        if (!stream.isWritable()) {
            drop(datagram);
            return;
        }
        int length = datagram.readableBytes();
        ByteBuf frame;
        try {
            frame = codec.encode(datagram);
        } catch (RuntimeException tooLarge) {
            monitor.connectionError("udp peer " + peerText() + ": datagram of " + length + " bytes dropped: "
                    + rootMessage(tooLarge));
            return;
        }
        monitor.bytesOut(length);
        stream.write(frame).whenComplete((ok, error) -> {
            if (error != null) {
                onLoop(() -> streamClosed(error), () -> { });
            }
        });
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
        }
    }

    private void reply(ByteBuf datagram) {
        if (!datagram.isReadable() || state == State.CLOSED) {
            // a zero-length frame is a keep-alive (kftray's relay sends it as "no reply")
            datagram.release();
            return;
        }
        lastActivity = System.nanoTime();
        monitor.bytesIn(datagram.readableBytes());
        replies.accept(peer, datagram);
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

    private void onLoop(Runnable task, Runnable ifLoopGone) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            ifLoopGone.run();
        }
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
