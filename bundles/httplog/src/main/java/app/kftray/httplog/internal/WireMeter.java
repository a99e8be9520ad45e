package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * Byte positions and arrival times of one direction of a connection, so each decoded message
 * can be given its size on the wire and the time its first and last bytes arrived.
 */
final class WireMeter {
    /** Enough for precise times in normal traffic; a trickle of tiny writes gets merged beyond it. */
    private static final int MAX_ARRIVALS = 256;

    /** Runs one step of a decoder. */
    interface DecodeStep {
        void run() throws Exception;
    }

    /** {end offset (exclusive), arrival nanos} of buffers not yet fully consumed, oldest first. */
    private final ArrayDeque<long[]> arrivals = new ArrayDeque<>();
    private long fed;
    private long consumed;
    private long uncharged;
    private long messageStart;

    /** Notes that a buffer of {@code bytes} arrived at {@code nanos}. */
    void fed(int bytes, long nanos) {
        fed += bytes;
        long[] last = arrivals.peekLast();
        if (arrivals.size() >= MAX_ARRIVALS && last != null) {
            last[0] = fed;
        } else {
            arrivals.addLast(new long[] {fed, nanos});
        }
    }

    /** Runs a decoder step and records how many bytes of {@code in} it consumed. */
    void measure(ByteBuf in, DecodeStep step) throws Exception {
        int before = in.readerIndex();
        try {
            step.run();
        } finally {
            int read = in.readerIndex() - before;
            consumed += read;
            uncharged += read;
        }
    }

    /** @return bytes consumed since the last call, to be charged to the object just decoded */
    long take() {
        long value = uncharged;
        uncharged = 0;
        return value;
    }

    /** @return arrival time of the first byte of the message being decoded */
    long messageStartNanos() {
        return arrivalOf(messageStart);
    }

    /** @return arrival time of the last byte consumed so far */
    long lastConsumedNanos() {
        return arrivalOf(Math.max(0, consumed - 1));
    }

    /** The current message ended at the current position; the next one starts here. */
    void messageEnded() {
        messageStart = consumed;
    }

    /** @return whether bytes arrived that no complete message accounts for yet */
    boolean hasUnfinishedBytes() {
        return fed > messageStart;
    }

    /** Queries come in increasing offset order, so older entries can be dropped as we go. */
    private long arrivalOf(long offset) {
        while (arrivals.size() > 1 && arrivals.peekFirst()[0] <= offset) {
            arrivals.pollFirst();
        }
        long[] first = arrivals.peekFirst();
        return first == null ? 0 : first[1];
    }
}
