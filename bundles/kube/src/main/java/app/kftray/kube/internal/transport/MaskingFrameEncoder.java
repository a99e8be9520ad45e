package app.kftray.kube.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes client WebSocket frames (RFC 6455), masked as a client must. Netty's encoder masks
 * eight bytes per checked buffer call, which made masking most of the port-forward data path's
 * CPU time; this one masks runs of longs in an array (see {@link #writeMasked}). Everything else
 * about the frames is as Netty writes them.
 */
final class MaskingFrameEncoder extends MessageToMessageEncoder<WebSocketFrame> implements WebSocketFrameEncoder {
    private static final int MASK_LENGTH = 4;
    /** Each event loop's run of longs being masked: 4 KiB, the size of the stream's typical frames. */
    private static final FastThreadLocal<long[]> RUN = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            return new long[512];
        }
    };

    MaskingFrameEncoder() {
        super(WebSocketFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        ByteBuf data = frame.content();
        int length = data.readableBytes();
        int extendedLength = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuf buf = ctx.alloc().buffer(2 + extendedLength + MASK_LENGTH + length);
        try {
            buf.writeByte((frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() & 0x7) << 4 | opcode(frame));
            if (extendedLength == 0) {
                buf.writeByte(0x80 | length);
            } else if (extendedLength == 2) {
                buf.writeByte(0x80 | 126).writeShort(length);
            } else {
                buf.writeByte(0x80 | 127).writeLong(length);
            }
            int mask = ThreadLocalRandom.current().nextInt();
            buf.writeInt(mask);
            writeMasked(data, buf, mask);
            out.add(buf);
            buf = null;
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    /**
     * Appends {@code data} to {@code buf}, XORed byte by byte with the mask's bytes in turn. Runs of whole longs go
     * through a long array: the bulk copies in and out are memory copies and the XOR over the array is a loop the JIT
     * vectorizes, where a get and put per long with their index checks cost several times as much.
     */
    static void writeMasked(ByteBuf data, ByteBuf buf, int mask) {
        int length = data.readableBytes();
        buf.ensureWritable(length);
        ByteBuffer target = buf.nioBuffer(buf.writerIndex(), length);
        long[] run = RUN.get();
        int offset = 0;
        // in little-endian order byte 0 of a long is its lowest: the mask's first byte goes lowest
        int reversed = Integer.reverseBytes(mask);
        long wideMask = (reversed & 0xFFFFFFFFL) | (long) reversed << 32;
        for (ByteBuffer source : data.nioBuffers(data.readerIndex(), length)) {
            int at = source.position();
            int end = source.limit();
            // the mask repeats every 4 bytes: a long starting 1–3 bytes past a multiple of 4 takes it rotated
            long rotated = Long.rotateRight(wideMask, 8 * (offset & 3));
            while (end - at >= Long.BYTES) {
                int longs = Math.min((end - at) / Long.BYTES, run.length);
                int bytes = longs * Long.BYTES;
                source.slice(at, bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(run, 0, longs);
                for (int i = 0; i < longs; i++) {
                    run[i] ^= rotated;
                }
                target.slice(offset, bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(run, 0, longs);
                at += bytes;
                offset += bytes;
            }
            for (; at < end; at++, offset++) {
                target.put(offset, (byte) (source.get(at) ^ mask >>> 8 * (3 - (offset & 3))));
            }
        }
        buf.writerIndex(buf.writerIndex() + length);
    }

    private static int opcode(WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame) {
            return 0x2;
        } else if (frame instanceof TextWebSocketFrame) {
            return 0x1;
        } else if (frame instanceof ContinuationWebSocketFrame) {
            return 0x0;
        } else if (frame instanceof CloseWebSocketFrame) {
            return 0x8;
        } else if (frame instanceof PingWebSocketFrame) {
            return 0x9;
        } else if (frame instanceof PongWebSocketFrame) {
            return 0xA;
        }
        throw new UnsupportedOperationException("cannot encode a " + frame.getClass().getSimpleName());
    }
}
