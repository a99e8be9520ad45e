package app.kftray.kube.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the encoder writes is what a server's RFC 6455 decoder (Netty's, strict about masking) reads. */
class MaskingFrameEncoderTest {
    private final EmbeddedChannel client = new EmbeddedChannel(new MaskingFrameEncoder());
    private final EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).allowMaskMismatch(false)
                    .maxFramePayloadLength(1 << 24).build()));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 125, 126, 127, 65_535, 65_536, 100_003})
    void binaryPayloadsOfEveryLengthClassArriveUnchanged(int length) {
        byte[] payload = random(length);
        WebSocketFrame decoded = roundTrip(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        assertInstanceOf(BinaryWebSocketFrame.class, decoded);
        assertArrayEquals(payload, ByteBufUtil.getBytes(decoded.content()));
        decoded.release();
    }

    @Test
    void aPayloadSpreadOverSeveralBuffersIsMaskedAsOneRun() {
        byte[] first = random(13);
        byte[] second = random(70_001);
        byte[] third = random(6);
        CompositeByteBuf pieces = Unpooled.compositeBuffer().addComponents(true, Unpooled.wrappedBuffer(first),
                Unpooled.directBuffer().writeBytes(second), Unpooled.wrappedBuffer(third));
        WebSocketFrame decoded = roundTrip(new BinaryWebSocketFrame(pieces));
        byte[] all = new byte[first.length + second.length + third.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        System.arraycopy(third, 0, all, first.length + second.length, third.length);
        assertArrayEquals(all, ByteBufUtil.getBytes(decoded.content()));
        decoded.release();
    }

    @Test
    void theBytesOnTheWireAreMaskedAndFlaggedAsMasked() {
        byte[] payload = new byte[64];
        client.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        ByteBuf wire = client.readOutbound();
        assertEquals(0x82, wire.getUnsignedByte(0), "FIN and the binary opcode");
        assertEquals(0x80 | 64, wire.getUnsignedByte(1), "the mask bit and the length");
        int mask = wire.getInt(2);
        if (mask != 0) {
            assertNotEquals(0, wire.getInt(6), "zeros go out XORed with the mask");
        }
        assertEquals(2 + 4 + 64, wire.readableBytes());
        wire.release();
    }

    @Test
    void controlAndContinuationFramesKeepTheirKindAndFlags() {
        WebSocketFrame ping = roundTrip(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        assertInstanceOf(PingWebSocketFrame.class, ping);
        ping.release();
        WebSocketFrame start = roundTrip(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(random(10))));
        assertTrue(!start.isFinalFragment());
        start.release();
        WebSocketFrame rest = roundTrip(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(random(10))));
        assertInstanceOf(ContinuationWebSocketFrame.class, rest);
        assertTrue(rest.isFinalFragment());
        rest.release();
        // last: the decoder reads nothing after a close
        CloseWebSocketFrame close = (CloseWebSocketFrame) roundTrip(
                new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        assertEquals(1000, close.statusCode());
        close.release();
    }

    private WebSocketFrame roundTrip(WebSocketFrame frame) {
        client.writeOutbound(frame);
        ByteBuf wire = client.readOutbound();
        server.writeInbound(wire);
        return server.readInbound();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
