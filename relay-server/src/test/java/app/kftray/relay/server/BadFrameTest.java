package app.kftray.relay.server;

import app.kftray.relay.testing.FrameClient;
import app.kftray.relay.testing.LeakCheck;
import app.kftray.relay.testing.LogCapture;
import app.kftray.relay.testing.UdpResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client sending broken framing loses its own stream and nothing else. */
class BadFrameTest {

    private static UdpResponder responder;
    private static RelayServer relay;

    @BeforeAll
    static void start() {
        LeakCheck.install();
        responder = new UdpResponder();
        relay = RelayServer.start(RelayConfig.builder(ProxyType.UDP, "127.0.0.1", responder.port())
                .bindAddress("127.0.0.1").listenPort(0).maxDatagramBytes(1024).build());
    }

    @AfterAll
    static void stop() {
        relay.close();
        responder.close();
        LeakCheck.assertNoLeaks();
    }

    static Stream<Arguments> badInputs() throws IOException {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0x7F; // a length prefix far above the maximum
        return Stream.of(
                Arguments.of("length above maximum", prefixed(1025, new byte[0]), false, "exceeds the maximum datagram size of 1024"),
                Arguments.of("length 0xFFFFFFFF", prefixed(-1, new byte[0]), false, "frame length 4294967295"),
                Arguments.of("garbage", garbage, false, "exceeds the maximum"),
                Arguments.of("payload cut short", prefixed(100, new byte[10]), true, "stream ended inside a frame"),
                Arguments.of("prefix cut short", new byte[] {0, 0}, true, "stream ended inside a frame"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badFramingClosesOnlyThatStream(String name, byte[] bad, boolean thenHalfClose, String reason) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", relay.port());
        try (LogCapture log = LogCapture.start();
             FrameClient good = new FrameClient(address);
             FrameClient offender = new FrameClient(address)) {
            good.send("ask before 1 0");
            assertEquals("before#1", good.receiveText());

            String tag = "valid-" + name.replace(' ', '-');
            offender.sendRaw(concat(prefixed(("ask " + tag + " 1 0").length(), ("ask " + tag + " 1 0").getBytes(StandardCharsets.US_ASCII)), bad));
            if (thenHalfClose) {
                offender.shutdownOutput();
            }
            assertTrue(offender.closedByRelay(), "the offending stream is closed");
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=bad_frame", reason), "logged with its reason");
            awaitReceived("ask " + tag + " 1 0");

            good.send("ask after 2 0");
            assertEquals("after#1", good.receiveText());
            assertEquals("after#2", good.receiveText());
            try (FrameClient newcomer = new FrameClient(address)) {
                newcomer.send("ask newcomer 1 0");
                assertEquals("newcomer#1", newcomer.receiveText());
            }
        }
    }

    /** The datagram framed before the bad bytes was still delivered to the target. */
    private static void awaitReceived(String datagram) throws InterruptedException {
        for (int i = 0; i < 100 && !responder.received().contains(datagram); i++) {
            Thread.sleep(20);
        }
        assertTrue(responder.received().contains(datagram), "target got " + responder.received());
    }

    private static byte[] prefixed(int length, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(length);
        out.write(payload);
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
