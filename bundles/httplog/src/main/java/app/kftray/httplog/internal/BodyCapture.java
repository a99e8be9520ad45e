package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** The first bytes of a body, up to a limit, and the count of all of them; never holds more than the limit. */
final class BodyCapture {
    private static final byte[] EMPTY = new byte[0];
    private final int limit;
    private byte[] bytes = EMPTY;
    private int size;
    private long total;

    BodyCapture(int limit) {
        this.limit = limit;
    }

    void append(ByteBuf content) {
        int length = content.readableBytes();
        total += length;
        int take = Math.min(limit - size, length);
        if (take <= 0) {
            return;
        }
        if (size + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + take, bytes.length * 2)));
        }
        content.getBytes(content.readerIndex(), bytes, size, take);
        size += take;
    }

    /** @return all body bytes seen (after de-chunking) */
    long total() {
        return total;
    }

    /** @return whether bytes beyond the limit were counted but not kept */
    boolean truncated() {
        return total > size;
    }

    /** @return the kept bytes */
    byte[] kept() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
