package app.kftray.relay.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The stream ended in the middle of a frame: its length prefix or payload was cut short.
 */
public class TruncatedFrameException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    private final int leftoverBytes;

    /** @param leftoverBytes bytes of the incomplete frame that were received */
    public TruncatedFrameException(int leftoverBytes) {
        super("stream ended inside a frame, " + leftoverBytes + " byte(s) of an incomplete frame discarded");
        this.leftoverBytes = leftoverBytes;
    }

    /** @return bytes of the incomplete frame that were received and discarded */
    public int leftoverBytes() {
        return leftoverBytes;
    }
}
