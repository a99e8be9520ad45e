package app.kftray.kube.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import java.util.List;

/**
 * Splits the tunnel's SPDY byte stream in front of Netty's SPDY decoder: DATA payloads go on at
 * once as slices of the bytes received, where that decoder would wait for and copy each frame;
 * control frames go on whole, as bytes, for it to decode. A large DATA frame goes on in pieces as
 * its bytes arrive, the last piece carrying its FIN flag.
 */
final class SpdyDataFrameSplitter extends ByteToMessageDecoder {
    private static final int HEADER_LENGTH = 8;
    private static final int CONTROL_BIT = 0x80;
    private static final int FLAG_FIN = 0x01;
    private static final int STREAM_ID_MASK = 0x7FFFFFFF;

    private final int maxControlFrame;
    private int dataRemaining;
    private int dataStreamId;
    private boolean dataLast;

    /** @param maxControlFrame the largest control frame accepted, header included */
    SpdyDataFrameSplitter(int maxControlFrame) {
        this.maxControlFrame = maxControlFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws TooLongFrameException {
        while (true) {
            if (dataRemaining > 0) {
                int piece = Math.min(dataRemaining, in.readableBytes());
                if (piece == 0) {
                    return;
                }
                dataRemaining -= piece;
                out.add(new DefaultSpdyDataFrame(dataStreamId, in.readRetainedSlice(piece))
                        .setLast(dataLast && dataRemaining == 0));
                continue;
            }
            if (in.readableBytes() < HEADER_LENGTH) {
                return;
            }
            int start = in.readerIndex();
            int length = in.getUnsignedMedium(start + 5);
            if ((in.getUnsignedByte(start) & CONTROL_BIT) != 0) {
                if (HEADER_LENGTH + length > maxControlFrame) {
                    throw new TooLongFrameException("a SPDY control frame of " + length + " bytes");
                }
                if (in.readableBytes() < HEADER_LENGTH + length) {
                    return;
                }
                out.add(in.readRetainedSlice(HEADER_LENGTH + length));
                continue;
            }
            int streamId = in.getInt(start) & STREAM_ID_MASK;
            boolean last = (in.getUnsignedByte(start + 4) & FLAG_FIN) != 0;
            in.skipBytes(HEADER_LENGTH);
            if (length == 0) {
                out.add(new DefaultSpdyDataFrame(streamId).setLast(last));
            } else {
                dataRemaining = length;
                dataStreamId = streamId;
                dataLast = last;
            }
        }
    }
}
