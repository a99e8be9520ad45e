package app.kftray.relay.server;

import app.kftray.relay.testing.FrameClient;
import app.kftray.relay.testing.LeakCheck;
import app.kftray.relay.testing.LogCapture;
import app.kftray.relay.testing.TcpEchoServer;
import app.kftray.relay.testing.UdpResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay behaves the same on both of its transports, in the cases where they differ
 * underneath: epoll reads what a peer sent when it ends its side even while reads are off, and
 * datagrams leave and arrive in batches (pipelined requests are on both transports here only).
 */
class RelayTransportTest {

    private static UdpResponder responder;
    private static TcpEchoServer echo;

    @BeforeAll
    static void startTargets() {
        LeakCheck.install();
        responder = new UdpResponder();
        echo = new TcpEchoServer();
    }

    @AfterAll
    static void stopTargets() {
        responder.close();
        echo.close();
        LeakCheck.assertNoLeaks();
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void pipelinedDatagramsGetEveryReply(RelayTransport transport) throws Exception {
        try (LogCapture log = LogCapture.start();
             RelayServer relay = start(ProxyType.UDP, responder.port(), transport);
             FrameClient client = new FrameClient(new InetSocketAddress("127.0.0.1", relay.port()))) {
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=started", "io=" + transport.label()));
            Set<String> expected = new HashSet<>();
            for (int r = 0; r < 50; r++) {
                client.send("ask q" + r + " 3 0");
                for (int i = 1; i <= 3; i++) {
                    expected.add("q" + r + "#" + i);
                }
            }
            Set<String> received = new HashSet<>();
            for (int n = 0; n < expected.size(); n++) {
                received.add(client.receiveText());
            }
            assertEquals(expected, received);
        }
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void datagramSentTogetherWithTheEndOfStreamIsStillAnswered(RelayTransport transport) throws Exception {
        try (RelayServer relay = start(ProxyType.UDP, responder.port(), transport);
             FrameClient client = new FrameClient(new InetSocketAddress("127.0.0.1", relay.port()))) {
            client.send("ask last 1 0");
            client.shutdownOutput();
            assertEquals("last#1", client.receiveText());
            assertTrue(client.closedByRelay());
        }
    }

    @ParameterizedTest
    @EnumSource(RelayTransport.class)
    void tcpBytesSentTogetherWithTheEndOfStreamAreRelayedAndAnswered(RelayTransport transport) throws Exception {
        try (RelayServer relay = start(ProxyType.TCP, echo.port(), transport);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("bye".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("bye", new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
        }
    }

    private static RelayServer start(ProxyType type, int targetPort, RelayTransport transport) {
        return RelayServer.start(RelayConfig.builder(type, "127.0.0.1", targetPort).bindAddress("127.0.0.1")
                .listenPort(0).udpReplyWait(Duration.ofMillis(200)).build(), transport);
    }

    private static byte[] readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
