package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log of one connection. The forwarder's threads only touch the counters and flags; all
 * parsing happens on the dispatcher's worker: first deciding from the first bytes whether the
 * connection carries HTTP/1.x, then correlating exchanges until it closes or parsing must stop.
 */
final class ConnectionLog {
    private enum State { CLASSIFYING, HTTP, SKIPPED, CLOSED }

    /** Bytes held while the kind of traffic is unknown; a peer sending more without a verdict is not HTTP. */
    private static final int MAX_HELD_BYTES = 64 * 1024;
    private static final int PREFIX_BYTES = 24;

    final AtomicInteger queuedChunks = new AtomicInteger();
    final AtomicLong droppedBuffers = new AtomicLong();
    final AtomicLong droppedBytes = new AtomicLong();
    volatile boolean closeRequested;

    private final String forward;
    private final String id;
    private final LogContext context;
    private State state = State.CLASSIFYING;
    private final List<TapChunk> held = new ArrayList<>();
    private final ByteBuf prefix = Unpooled.buffer(PREFIX_BYTES);
    private Direction firstDirection;
    private long heldBytes;
    private ExchangeCorrelator correlator;
    private long seenDrops;
    private long lastActivityNanos = System.nanoTime();

    ConnectionLog(String forward, String id, LogContext context) {
        this.forward = forward;
        this.id = id;
        this.context = context;
    }

    String forward() {
        return forward;
    }

    /** Worker thread: the next bytes of the connection, in arrival order. */
    void accept(TapChunk chunk) {
        lastActivityNanos = chunk.nanos();
        if (chunk.dropsBefore() > seenDrops && state != State.CLOSED) {
            noteGap(chunk.nanos());
        }
        switch (state) {
            case CLASSIFYING -> classify(chunk);
            case HTTP -> feed(chunk);
            default -> chunk.bytes().release();
        }
    }

    /** Worker thread: the connection ended (or logging stops). */
    void finish(String because, long nanos) {
        if (droppedBuffers.get() > seenDrops && state != State.CLOSED) {
            noteGap(nanos);
        }
        if (state == State.HTTP) {
            correlator.finish();
        } else if (state == State.CLASSIFYING && heldBytes > 0) {
            notice("not logged: " + because + " after " + heldBytes + " bytes that do not start an HTTP message ("
                    + TrafficKind.preview(prefix) + ")", nanos);
        }
        release();
        state = State.CLOSED;
    }

    /** Worker thread: discards a partly received message that waited too long. */
    boolean expireIfStale(long nowNanos) {
        boolean partial = state == State.HTTP && correlator.hasPartialState()
                || state == State.CLASSIFYING && heldBytes > 0;
        if (!partial || nowNanos - lastActivityNanos < context.settings().pendingTimeout().toNanos()) {
            return false;
        }
        stop("waited " + context.settings().pendingTimeout().toMillis() + " ms for the rest of a message; its state"
                + " was discarded and the rest of the connection is not logged", true, nowNanos);
        return true;
    }

    /** Worker thread: an error of our own while parsing; the connection is no longer logged. */
    void fail(Throwable error, long nanos) {
        stop("internal error while parsing (" + error + "); the rest of the connection is not logged", true, nanos);
    }

    private void classify(TapChunk chunk) {
        held.add(chunk);
        heldBytes += chunk.bytes().readableBytes();
        if (firstDirection == null) {
            firstDirection = chunk.direction();
        }
        if (chunk.direction() == firstDirection && prefix.isWritable()) {
            ByteBuf bytes = chunk.bytes();
            prefix.writeBytes(bytes, bytes.readerIndex(), Math.min(prefix.writableBytes(), bytes.readableBytes()));
        }
        TrafficKind kind = TrafficKind.classify(prefix, firstDirection == Direction.CLIENT);
        if (kind == TrafficKind.UNDECIDED && heldBytes > MAX_HELD_BYTES) {
            kind = TrafficKind.OTHER;
        }
        switch (kind) {
            case UNDECIDED -> { }
            case HTTP1 -> startHttp();
            default -> skip(kind, chunk.nanos());
        }
    }

    private void startHttp() {
        state = State.HTTP;
        correlator = new ExchangeCorrelator(context.settings(), context.policy(),
                exchange -> context.write(context.records().exchange(forward, id, exchange)));
        List<TapChunk> replay = new ArrayList<>(held);
        held.clear();
        for (TapChunk chunk : replay) {
            if (state == State.HTTP) {
                feed(chunk);
            } else {
                chunk.bytes().release();
            }
        }
    }

    private void feed(TapChunk chunk) {
        correlator.feed(chunk.direction(), chunk.bytes(), chunk.nanos());
        String reason = correlator.stopReason();
        if (reason != null) {
            stop(reason, correlator.isMalformed(), chunk.nanos());
        }
    }

    private void skip(TrafficKind kind, long nanos) {
        String what = switch (kind) {
            case HTTP2 -> "HTTP/2 with prior knowledge is not parsed";
            case TLS -> "TLS (encrypted) traffic cannot be parsed";
            default -> "traffic is not HTTP (first bytes from the " + firstDirection.name().toLowerCase(Locale.ROOT)
                    + ": " + TrafficKind.preview(prefix) + ")";
        };
        if (context.firstOfKind(forward, kind)) {
            notice(what + "; connections like this one are not logged and not noted again", nanos);
        }
        release();
        state = State.SKIPPED;
    }

    private void noteGap(long nanos) {
        seenDrops = droppedBuffers.get();
        if (state == State.HTTP || state == State.CLASSIFYING) {
            stop("the log fell behind and dropped " + droppedBytes.get() + " bytes of this connection; the rest of"
                    + " it is not logged", true, nanos);
        }
    }

    private void stop(String reason, boolean asNotice, long nanos) {
        if (state == State.HTTP) {
            correlator.abandon(reason);
        }
        if (asNotice) {
            notice(reason, nanos);
        }
        release();
        state = State.SKIPPED;
    }

    private void notice(String text, long nanos) {
        context.write(context.records().notice(forward, id, text, nanos));
    }

    private void release() {
        held.forEach(chunk -> chunk.bytes().release());
        held.clear();
        heldBytes = 0;
    }
}
