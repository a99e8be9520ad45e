package app.kftray.testing;

import io.netty.buffer.ByteBuf;

/** A deterministic byte stream, so receivers can check every byte without keeping a copy. */
public final class Pattern {
    private Pattern() {
    }

    /**
     * @param offset position in the stream
     * @return the byte at that position
     */
    public static byte at(long offset) {
        return (byte) (offset * 31 + (offset >>> 11));
    }

    /**
     * @param buf    where to append
     * @param offset stream position of the first byte
     * @param length bytes to append
     */
    public static void fill(ByteBuf buf, long offset, int length) {
        for (int i = 0; i < length; i++) {
            buf.writeByte(at(offset + i));
        }
    }

    /**
     * @param buf    bytes received (not consumed)
     * @param offset stream position of its first byte
     * @return the stream position of the first wrong byte, or -1 if all match
     */
    public static long firstMismatch(ByteBuf buf, long offset) {
        for (int i = 0; i < buf.readableBytes(); i++) {
            if (buf.getByte(buf.readerIndex() + i) != at(offset + i)) {
                return offset + i;
            }
        }
        return -1;
    }
}
