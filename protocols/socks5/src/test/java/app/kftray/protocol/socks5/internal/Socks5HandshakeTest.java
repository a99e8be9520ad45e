package app.kftray.protocol.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.PodRef;
import app.kftray.testing.RecordingMonitor;
import app.kftray.testing.SinkPodStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The handshake state machine on an embedded channel: exact bytes in, exact bytes out. */
class Socks5HandshakeTest {
    private final RecordingMonitor monitor = new RecordingMonitor();
    private final List<PodRef> opened = new ArrayList<>();
    private final ByteArrayOutputStream toPod = new ByteArrayOutputStream();
    private final FakeCluster cluster = new FakeCluster().service("web", 80, "8080").pod("web-1", "web", true);

    private EmbeddedChannel channel(Socks5Policy policy) {
        PodConnector connector = new PodConnector(new ClusterDestinations(cluster, FakeCluster.CLUSTER, "dev"),
                new InMemoryTransport(), Runnable::run);
        EmbeddedChannel channel = new EmbeddedChannel();
        Socks5Pipeline.install(channel.pipeline(), policy, connector, monitor);
        return channel;
    }

    @Test
    void greetingConnectAndPayloadInOnePacketArriveInOrder() {
        EmbeddedChannel channel = channel(Socks5Policy.open());
        ByteBuf packet = Unpooled.buffer()
                .writeBytes(new byte[] {5, 1, 0})
                .writeBytes(new byte[] {5, 1, 0}).writeBytes(SocksClient.domain("web.dev.svc")).writeShort(80)
                .writeBytes("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        channel.writeInbound(packet);
        channel.runPendingTasks();

        assertArrayEquals(new byte[] {5, 0}, outbound(channel, 2));
        byte[] reply = outbound(channel, 10);
        assertEquals(5, reply[0]);
        assertEquals(0, reply[1], "CONNECT succeeded");
        assertEquals(List.of("web-1"), opened.stream().map(PodRef::name).toList());
        assertEquals("GET / HTTP/1.1\r\n\r\n", toPod.toString(StandardCharsets.US_ASCII));
        assertTrue(channel.isActive());
        assertEquals(0, packet.refCnt());
        channel.finishAndReleaseAll();
    }

    @Test
    void socks4ClientIsClosedWithoutAReplyItWouldMisread() {
        EmbeddedChannel channel = channel(Socks5Policy.open());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0}));
        assertFalse(channel.isActive());
        assertTrue(monitor.errors().get(0).contains("malformed greeting"), monitor.errors().toString());
        channel.finishAndReleaseAll();
    }

    @Test
    void wrongRequestVersionGetsAGeneralFailure() {
        EmbeddedChannel channel = channel(Socks5Policy.open());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 0, 4, 1, 0, 1, 1, 2, 3, 4, 0, 80}));
        outbound(channel, 2);
        byte[] reply = outbound(channel, 10);
        assertEquals(1, reply[1], "general SOCKS server failure");
        assertFalse(channel.isActive());
        assertTrue(opened.isEmpty());
    }

    @Test
    void seededFuzzAlwaysEndsInAValidReplyOrSilenceAndLeaksNothing() {
        Random random = new Random(1928L);
        for (int round = 0; round < 2000; round++) {
            EmbeddedChannel channel = channel(round % 3 == 0
                    ? new Socks5Policy("u", "p", Duration.ofSeconds(5)) : Socks5Policy.open());
            byte[] input = fuzzInput(random);
            ByteBuf in = Unpooled.wrappedBuffer(input);
            channel.writeInbound(in);
            channel.runPendingTasks();
            for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                ByteBuf reply = (ByteBuf) out;
                int version = reply.getUnsignedByte(0);
                assertTrue(version == 5 || version == 1, "round " + round + ": reply version " + version);
                reply.release();
            }
            channel.finishAndReleaseAll(); // an incomplete message stays buffered until the connection closes
            assertEquals(0, in.refCnt(), "round " + round + " released its input");
        }
        assertTrue(opened.size() < 2000, "random bytes rarely form a valid CONNECT to web");
    }

    /** Valid prefixes with random damage, so every state of the decoder sees bad input. */
    private static byte[] fuzzInput(Random random) {
        ByteBuf valid = Unpooled.buffer().writeBytes(new byte[] {5, 2, 0, 2, 1, 1, 'u', 1, 'p', 5, 1, 0})
                .writeBytes(SocksClient.domain("web")).writeShort(80);
        byte[] bytes = new byte[valid.readableBytes()];
        valid.readBytes(bytes);
        valid.release();
        byte[] input = new byte[1 + random.nextInt(bytes.length + 8)];
        for (int i = 0; i < input.length; i++) {
            input[i] = i < bytes.length && random.nextInt(4) != 0 ? bytes[i] : (byte) random.nextInt(256);
        }
        return input;
    }

    private static byte[] outbound(EmbeddedChannel channel, int length) {
        ByteBuf out = Unpooled.buffer();
        while (out.readableBytes() < length) {
            ByteBuf next = channel.readOutbound();
            if (next == null) {
                break;
            }
            out.writeBytes(next);
            next.release();
        }
        byte[] bytes = new byte[Math.min(length, out.readableBytes())];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }

    /** Opens at once and keeps what the client sends. */
    private final class InMemoryTransport implements PortForwardTransport {
        @Override
        public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver) {
            opened.add(pod);
            return CompletableFuture.completedFuture(new SinkPodStream(data -> toPod.writeBytes(ByteBufUtil.getBytes(data))));
        }
    }
}
