package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatagramFrameCodecTest {

    private static ByteBuf frame(int length, byte[] payload) {
        return Unpooled.buffer().writeInt(length).writeBytes(payload);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        buf.release();
        return out;
    }

    @Test
    void encoderWritesBigEndianLengthThenPayload() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameEncoder(DatagramFraming.MAX_DATAGRAM_BYTES));
        assertTrue(channel.writeOutbound(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            wire.writeBytes(part);
            part.release();
        }
        assertArrayEquals(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}, bytes(wire));
        assertFalse(channel.finish());
    }

    @Test
    void roundTripKeepsDatagramBoundariesAcrossArbitrarySplits() {
        EmbeddedChannel encoder = new EmbeddedChannel(new DatagramFrameEncoder(1000));
        byte[][] datagrams = {"a".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[1000], "xyz".getBytes(StandardCharsets.US_ASCII)};
        ByteBuf wire = Unpooled.buffer();
        for (byte[] d : datagrams) {
            encoder.writeOutbound(Unpooled.wrappedBuffer(d));
        }
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            wire.writeBytes(part);
            part.release();
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new DatagramFrameDecoder(1000));
        while (wire.isReadable()) {
            decoder.writeInbound(wire.readRetainedSlice(Math.min(3, wire.readableBytes())));
        }
        wire.release();
        for (byte[] expected : datagrams) {
            assertArrayEquals(expected, bytes(decoder.readInbound()));
        }
        assertNull(decoder.readInbound());
        assertFalse(decoder.finish());
    }

    @Test
    void zeroLengthFrameBecomesAnEmptyBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(10));
        channel.writeInbound(frame(0, new byte[0]));
        ByteBuf keepAlive = channel.readInbound();
        assertEquals(0, keepAlive.readableBytes());
        keepAlive.release();
    }

    @Test
    void largestDatagramPassesAndOneByteMoreIsRejectedBeforeItsPayloadArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(DatagramFraming.MAX_DATAGRAM_BYTES));
        channel.writeInbound(frame(65_507, new byte[65_507]));
        assertEquals(65_507, bytes(channel.readInbound()).length);

        OversizeFrameException e = assertThrows(OversizeFrameException.class,
                () -> channel.writeInbound(Unpooled.buffer().writeInt(65_508)));
        assertEquals(65_508, e.length());
        assertEquals(65_507, e.maximum());
        assertTrue(((DatagramFrameDecoder) channel.pipeline().first()).hasFailed());
    }

    @Test
    void lengthIsUnsignedSoTheTopBitDoesNotMakeItNegative() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(100));
        OversizeFrameException e = assertThrows(OversizeFrameException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})));
        assertEquals(4_294_967_295L, e.length());
    }

    @Test
    void afterAFramingErrorEverythingElseIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(10));
        assertThrows(OversizeFrameException.class, () -> channel.writeInbound(frame(11, new byte[11])));
        ByteBuf later = frame(2, new byte[] {1, 2});
        assertFalse(channel.writeInbound(later));
        assertEquals(0, later.refCnt(), "discarded input is released");
        assertFalse(channel.finish(), "no late error and no late frame");
    }

    @Test
    void endOfStreamInsideAFrameIsReportedAsTruncated() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(100));
        channel.writeInbound(frame(1, new byte[] {7}), Unpooled.buffer().writeInt(50).writeBytes(new byte[20]));
        assertArrayEquals(new byte[] {7}, bytes(channel.readInbound()));
        TruncatedFrameException e = assertThrows(TruncatedFrameException.class, channel::finish);
        assertEquals(24, e.leftoverBytes());
    }

    @Test
    void endOfStreamInsideALengthPrefixIsReportedAsTruncated() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(100));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0}));
        assertEquals(2, assertThrows(TruncatedFrameException.class, channel::finish).leftoverBytes());
    }

    @Test
    void encoderRefusesOversizePayloadReleasesItAndStaysUsable() {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameEncoder(4));
        ByteBuf tooBig = Unpooled.buffer().writeBytes(new byte[5]);
        ChannelFuture write = channel.writeOneOutbound(tooBig);
        channel.flushOutbound();
        assertFalse(write.isSuccess());
        assertInstanceOf(EncoderException.class, write.cause());
        assertInstanceOf(OversizeFrameException.class, write.cause().getCause());
        assertEquals(0, tooBig.refCnt());
        channel.releaseOutbound();

        assertTrue(channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1})));
        assertTrue(channel.releaseOutbound());
    }

    @Test
    void maximumOutsideTheUdpLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DatagramFrameDecoder(65_508));
        assertThrows(IllegalArgumentException.class, () -> new DatagramFrameEncoder(-1));
    }

    @Test
    void addCodecInstallsDecoderAndEncoderUnderTheirNames() {
        EmbeddedChannel channel = new EmbeddedChannel();
        DatagramFraming.addCodec(channel.pipeline(), 512);
        assertEquals(512, ((DatagramFrameDecoder) channel.pipeline().get(DatagramFraming.DECODER_NAME)).maxDatagramBytes());
        assertInstanceOf(DatagramFrameEncoder.class, channel.pipeline().get(DatagramFraming.ENCODER_NAME));
    }
}
