package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The frames of the datagrams read in one pass, gathered into one buffer so they leave as one
 * write. Not thread-safe: one event loop uses it.
 */
public final class FrameBatch {

    /** Room a new batch starts with: several DNS-sized datagrams. */
    private static final int INITIAL_BYTES = 1024;

    private final int maxDatagramBytes;
    private ByteBuf frames;

    /**
     * @param maxDatagramBytes largest payload a frame may carry
     * @throws IllegalArgumentException if it is out of range
     */
    public FrameBatch(int maxDatagramBytes) {
        this.maxDatagramBytes = DatagramFraming.checkMaximum(maxDatagramBytes);
    }

    /**
     * Frames a datagram behind those already gathered.
     *
     * @param alloc    allocates the batch's buffer when this is its first frame
     * @param datagram the payload; its bytes are read, the buffer is not released
     * @throws OversizeFrameException if the payload is above the maximum; the batch is unchanged then
     */
    public void add(ByteBufAllocator alloc, ByteBuf datagram) {
        int length = datagram.readableBytes();
        if (length > maxDatagramBytes) {
            throw new OversizeFrameException(length, maxDatagramBytes);
        }
        if (frames == null) {
            frames = alloc.buffer(Math.max(INITIAL_BYTES, DatagramFraming.LENGTH_FIELD_BYTES + length));
        }
        DatagramFraming.appendFrame(frames, datagram, maxDatagramBytes);
    }

    /** @return whether no frame was gathered since the last {@link #take} */
    public boolean isEmpty() {
        return frames == null;
    }

    /** @return the frames gathered (ownership passes to the caller), or null if there are none */
    public ByteBuf take() {
        ByteBuf taken = frames;
        frames = null;
        return taken;
    }

    /** Releases the frames gathered and not taken. */
    public void discard() {
        if (frames != null) {
            frames.release();
            frames = null;
        }
    }
}
