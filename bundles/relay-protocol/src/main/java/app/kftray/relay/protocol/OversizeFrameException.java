package app.kftray.relay.protocol;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A frame announced, or was asked to carry, more payload than the stream allows.
 * The stream that produced it cannot be resynchronised and must be closed.
 */
public class OversizeFrameException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    private final long length;
    private final int maximum;

    /**
     * @param length  the offending payload length
     * @param maximum the largest payload length allowed
     */
    public OversizeFrameException(long length, int maximum) {
        super("frame length " + length + " exceeds the maximum datagram size of " + maximum + " bytes");
        this.length = length;
        this.maximum = maximum;
    }

    /** @return the offending payload length */
    public long length() {
        return length;
    }

    /** @return the largest payload length allowed */
    public int maximum() {
        return maximum;
    }
}
