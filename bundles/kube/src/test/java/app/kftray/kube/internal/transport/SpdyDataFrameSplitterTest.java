package app.kftray.kube.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The splitter and Netty's SPDY decoder behind it read what Netty's SPDY encoder wrote, cut anywhere. */
class SpdyDataFrameSplitterTest {
    private final EmbeddedChannel reader = new EmbeddedChannel(new SpdyDataFrameSplitter(64 * 1024),
            new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

    @Test
    void framesCutAtEveryPossiblePlaceArriveWholeAndInOrder() {
        byte[] big = random(100_000);
        byte[] small = random(10);
        byte[] wire = encode(new DefaultSpdyDataFrame(1, Unpooled.wrappedBuffer(big)),
                new DefaultSpdyPingFrame(7),
                new DefaultSpdyDataFrame(3, Unpooled.wrappedBuffer(small)).setLast(true),
                new DefaultSpdyDataFrame(1).setLast(true),
                new DefaultSpdyRstStreamFrame(5, SpdyStreamStatus.CANCEL));
        for (int cut : new int[] {1, 3, 7, 8, 9, 1000, 16_384, wire.length}) {
            for (int at = 0; at < wire.length; at += cut) {
                reader.writeInbound(Unpooled.wrappedBuffer(wire, at, Math.min(cut, wire.length - at)));
            }
            Joined first = joined(1);
            assertArrayEquals(big, first.bytes(), "cut every " + cut);
            assertFalse(first.last());
            SpdyPingFrame ping = reader.readInbound();
            assertEquals(7, ping.id());
            Joined other = joined(3);
            assertArrayEquals(small, other.bytes());
            assertTrue(other.last());
            Joined fin = joined(1);
            assertEquals(0, fin.bytes().length);
            assertTrue(fin.last());
            SpdyRstStreamFrame reset = reader.readInbound();
            assertEquals(SpdyStreamStatus.CANCEL, reset.status());
            assertNull(reader.readInbound());
        }
    }

    @Test
    void anOversizedControlFrameIsAnErrorNotABuffer() {
        ByteBuf header = Unpooled.buffer().writeShort(0x8003).writeShort(1).writeInt(0x00FF_FFFF);
        DecoderException error = assertThrows(DecoderException.class, () -> reader.writeInbound(header));
        assertTrue(error.getMessage().contains("control frame"), error.getMessage());
    }

    /** The payload of one DATA frame, joined from the pieces it arrived in, and its FIN flag. */
    private record Joined(byte[] bytes, boolean last) {
    }

    private Joined joined(int streamId) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        while (reader.inboundMessages().peek() instanceof SpdyDataFrame next && next.streamId() == streamId) {
            SpdyDataFrame piece = reader.readInbound();
            joined.writeBytes(ByteBufUtil.getBytes(piece.content()));
            boolean last = piece.isLast();
            piece.release();
            if (last) {
                return new Joined(joined.toByteArray(), true);
            }
        }
        return new Joined(joined.toByteArray(), false);
    }

    private static byte[] encode(Object... frames) {
        EmbeddedChannel writer = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Object frame : frames) {
            writer.writeOutbound(frame);
            ByteBuf bytes;
            while ((bytes = writer.readOutbound()) != null) {
                wire.writeBytes(ByteBufUtil.getBytes(bytes));
                bytes.release();
            }
        }
        return wire.toByteArray();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
