package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldPrepender;

import java.util.List;

/**
 * Prefixes each outbound datagram payload with its 4-byte big-endian length. A payload
 * above the maximum fails its write with an {@link OversizeFrameException} (wrapped in an
 * {@code EncoderException}) instead of producing a frame the other end would reject; the
 * stream stays usable.
 */
@Sharable
public class DatagramFrameEncoder extends LengthFieldPrepender {

    private final int maxDatagramBytes;

    /**
     * @param maxDatagramBytes largest payload sent, 0 to {@link DatagramFraming#MAX_DATAGRAM_BYTES}
     * @throws IllegalArgumentException if it is out of range
     */
    public DatagramFrameEncoder(int maxDatagramBytes) {
        super(DatagramFraming.LENGTH_FIELD_BYTES);
        this.maxDatagramBytes = DatagramFraming.checkMaximum(maxDatagramBytes);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) throws Exception {
        if (msg.readableBytes() > maxDatagramBytes) {
            throw new OversizeFrameException(msg.readableBytes(), maxDatagramBytes);
        }
        super.encode(ctx, msg, out);
    }
}
