package app.kftray.kube.internal.transport;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.net.ReadHold;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * Delivers one stream's inbound bytes to its receiver, in order. While the receiver has paused
 * the stream, bytes are queued up to a bound, so that one slow reader does not stall the other
 * streams of its connection at once; past the bound the stream holds the whole connection's
 * reads until it is resumed. The end of the stream is delivered after the queued bytes.
 * Confined to the connection's event loop.
 */
final class PausableInbound {
    private final StreamReceiver receiver;
    private final ReadHold readHold;
    private final int limit;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean paused;
    private boolean holding;
    private Runnable end;

    /**
     * @param receiver the stream's receiver
     * @param readHold the connection's reads
     * @param limit    bytes a paused stream may queue before it holds the connection
     */
    PausableInbound(StreamReceiver receiver, ReadHold readHold, int limit) {
        this.receiver = receiver;
        this.readHold = readHold;
        this.limit = limit;
    }

    /** @param data bytes from the pod; ownership moves here */
    void offer(ByteBuf data) {
        if (!paused && queue.isEmpty()) {
            receiver.onData(data);
            return;
        }
        queue.add(data);
        queuedBytes += data.readableBytes();
        updateHold();
    }

    /** @param read whether the receiver takes bytes now */
    void setAutoRead(boolean read) {
        paused = !read;
        if (read) {
            drain();
        } else {
            updateHold();
        }
    }

    /** @param action runs once every queued byte has been delivered (at once if none are) */
    void endAfterDrain(Runnable action) {
        end = action;
        drain();
    }

    /** Drops what is queued and lets the connection read again: the stream is over. */
    void discard() {
        ByteBuf data;
        while ((data = queue.poll()) != null) {
            data.release();
        }
        queuedBytes = 0;
        end = null;
        updateHold();
    }

    /** @return bytes waiting for the receiver */
    int queuedBytes() {
        return queuedBytes;
    }

    private void drain() {
        // the receiver may pause again from inside onData
        while (!paused && !queue.isEmpty()) {
            ByteBuf data = queue.poll();
            queuedBytes -= data.readableBytes();
            receiver.onData(data);
        }
        updateHold();
        if (queue.isEmpty() && end != null) {
            Runnable action = end;
            end = null;
            action.run();
        }
    }

    private void updateHold() {
        boolean want = paused && queuedBytes >= limit;
        if (want != holding) {
            holding = want;
            if (want) {
                readHold.hold();
            } else {
                readHold.release();
            }
        }
    }
}
