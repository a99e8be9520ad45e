package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Turns a stream of {@code [u32 BE length][payload]} frames into one {@code ByteBuf} per
 * datagram; a zero-length frame becomes an empty buffer.
 *
 * <p>Errors are raised through the pipeline's {@code exceptionCaught}: an
 * {@link OversizeFrameException} as soon as a length prefix above the maximum is read (before
 * its payload arrives), and a {@link TruncatedFrameException} when the stream ends inside a
 * frame. A framing error cannot be recovered from (the next frame boundary is unknown), so
 * after the first one the decoder discards everything else the stream sends; the owner is
 * expected to close the stream.
 *
 * <p>Not sharable: it holds the partial frame of one stream.
 */
public class DatagramFrameDecoder extends LengthFieldBasedFrameDecoder {

    private final int maxDatagramBytes;
    private boolean failed;

    /**
     * @param maxDatagramBytes largest payload accepted, 0 to {@link DatagramFraming#MAX_DATAGRAM_BYTES}
     * @throws IllegalArgumentException if it is out of range
     */
    public DatagramFrameDecoder(int maxDatagramBytes) {
        super(ByteOrder.BIG_ENDIAN,
                DatagramFraming.checkMaximum(maxDatagramBytes) + DatagramFraming.LENGTH_FIELD_BYTES,
                0, DatagramFraming.LENGTH_FIELD_BYTES, 0, DatagramFraming.LENGTH_FIELD_BYTES, true);
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /** @return the largest payload this decoder accepts */
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    /** @return whether a framing error was seen; all later input is then discarded */
    public boolean hasFailed() {
        return failed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frameLength = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (frameLength > maxDatagramBytes) {
            // Fail with our own message before the parent starts discarding the payload, and
            // drop the unusable rest so no later decode pass trips over the same prefix.
            failed = true;
            buf.skipBytes(buf.readableBytes());
            throw new OversizeFrameException(frameLength, maxDatagramBytes);
        }
        return frameLength;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!failed) {
            super.decodeLast(ctx, in, out);
        }
        int leftover = in.readableBytes();
        in.skipBytes(leftover);
        if (leftover > 0 && !failed) {
            failed = true;
            throw new TruncatedFrameException(leftover);
        }
    }
}
