package app.kftray.net;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes that arrived before the side they are meant for was ready (a pod stream still
 * opening, a protocol's reply not yet sent), kept in arrival order. Whoever ends the
 * connection first releases them, so nothing leaks when a connection is cut short.
 * Used on one event loop only.
 */
public final class HeldBytes {
    private final List<ByteBuf> buffers = new ArrayList<>();
    private long bytes;

    /** @param data held until taken or released; ownership passes here */
    public void add(ByteBuf data) {
        bytes += data.readableBytes();
        buffers.add(data);
    }

    /** @return readable bytes held now */
    public long bytes() {
        return bytes;
    }

    /** @return everything held, in arrival order; ownership passes to the caller */
    public List<ByteBuf> takeAll() {
        List<ByteBuf> all = List.copyOf(buffers);
        buffers.clear();
        bytes = 0;
        return all;
    }

    /** Drops everything held. */
    public void release() {
        takeAll().forEach(ByteBuf::release);
    }
}
