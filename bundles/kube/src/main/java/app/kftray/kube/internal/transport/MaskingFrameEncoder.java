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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Encodes client WebSocket frames (RFC 6455), masked as a client must. Netty's encoder masks
 * eight bytes per checked buffer call, which made masking most of the port-forward data path's
 * CPU time; this one masks through NIO views of the two buffers, which the JIT turns into a tight
 * loop. Everything else about the frames is as Netty writes them.
 */
final class MaskingFrameEncoder extends MessageToMessageEncoder<WebSocketFrame> implements WebSocketFrameEncoder {
    private static final int MASK_LENGTH = 4;

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

    /** Appends {@code data} to {@code buf}, XORed byte by byte with the mask's bytes in turn. */
    static void writeMasked(ByteBuf data, ByteBuf buf, int mask) {
        int length = data.readableBytes();
        buf.ensureWritable(length);
        ByteBuffer target = buf.nioBuffer(buf.writerIndex(), length).order(ByteOrder.BIG_ENDIAN);
        int offset = 0;
        int[] maskBytes = {mask >>> 24, mask >>> 16 & 0xFF, mask >>> 8 & 0xFF, mask & 0xFF};
        long wideMask = (mask & 0xFFFFFFFFL) | (long) mask << 32;
        for (ByteBuffer source : data.nioBuffers(data.readerIndex(), length)) {
            source.order(ByteOrder.BIG_ENDIAN);
            int at = source.position();
            int end = source.limit();
            // the mask repeats every 4 bytes, so a long read at a multiple of 4 from the start takes it unrotated
            long rotated = Long.rotateLeft(wideMask, 8 * (offset & 3));
            for (; at + 8 <= end; at += 8, offset += 8) {
                target.putLong(offset, source.getLong(at) ^ rotated);
            }
            for (; at < end; at++, offset++) {
                target.put(offset, (byte) (source.get(at) ^ maskBytes[offset & 3]));
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
