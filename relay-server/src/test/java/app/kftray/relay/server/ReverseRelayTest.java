package app.kftray.relay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.relay.testing.LeakCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reverse (expose) mode: the secret, the control and data streams, refusals and limits. */
class ReverseRelayTest {
    private static final String SECRET = "s3cr3t-0123456789abcdef";
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void leaks() {
        LeakCheck.install();
    }

    @AfterAll
    static void noLeaks() {
        LeakCheck.assertNoLeaks();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private RelayServer relay(int maxConnections) {
        RelayServer relay = RelayServer.start(RelayConfig.builder(ProxyType.REVERSE, null, 0)
                .bindAddress("127.0.0.1").listenPort(0).controlPort(0).secret(SECRET)
                .maxConnections(maxConnections).attachTimeout(Duration.ofSeconds(5)).build());
        cleanup.add(relay);
        return relay;
    }

    /** @return a control stream the relay accepted */
    private Line controlStream(RelayServer relay) throws IOException {
        Line control = connect(relay.controlAddress().orElseThrow());
        control.send("CONTROL " + SECRET);
        assertEquals("OK", control.read());
        return control;
    }

    private Line connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        cleanup.add(socket);
        return new Line(socket);
    }

    @Test
    void aStreamWithoutTheSecretIsRefused() throws IOException {
        RelayServer relay = relay(16);
        Line wrong = connect(relay.controlAddress().orElseThrow());
        wrong.send("CONTROL wrong-secret-0123456789");
        assertEquals("ERROR unauthorized", wrong.read());
        assertEquals(null, wrong.read(), "closed after the error");

        Line noSecret = connect(relay.controlAddress().orElseThrow());
        noSecret.send("PING");
        assertEquals("ERROR unauthorized", noSecret.read());

        Line garbage = connect(relay.controlAddress().orElseThrow());
        garbage.out.write(new byte[300]);
        garbage.out.flush();
        assertEquals(null, garbage.read(), "an overlong line closes the stream");

        // with no control stream, a cluster client is closed at once
        Line cluster = connect(relay.address());
        assertEquals(null, cluster.read());
    }

    @Test
    void clusterConnectionsAreCarriedOverAttachedStreams() throws IOException {
        RelayServer relay = relay(16);
        Line control = controlStream(relay);
        control.send("PING");
        assertEquals("PONG", control.read());

        Line cluster = connect(relay.address());
        cluster.send("GET / from the pod");
        String open = control.read();
        assertTrue(open.startsWith("OPEN "), open);

        Line data = connect(relay.controlAddress().orElseThrow());
        // the first data bytes follow the ATTACH line in the same write
        data.out.write(("ATTACH " + SECRET + " " + open.substring(5) + "\nhello pod\n").getBytes(StandardCharsets.US_ASCII));
        data.out.flush();
        assertEquals("OK", data.read());
        assertEquals("GET / from the pod", data.read());
        assertEquals("hello pod", cluster.read());

        data.socket.shutdownOutput();
        assertEquals(null, cluster.read(), "the local side's end reaches the cluster client");

        Line unknown = connect(relay.controlAddress().orElseThrow());
        unknown.send("ATTACH " + SECRET + " 99");
        assertEquals("ERROR unknown-connection", unknown.read());
    }

    @Test
    void concurrentConnectionsEachKeepTheirOwnBytesInBothDirections() throws IOException {
        // clients and data streams are accepted on the relay's various loops: each pair is spliced on one
        RelayServer relay = relay(32);
        Line control = controlStream(relay);
        List<Line> clients = new ArrayList<>();
        List<Line> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(connect(relay.address()));
            String open = control.read();
            assertEquals("OPEN " + (i + 1), open);
            Line stream = connect(relay.controlAddress().orElseThrow());
            stream.send("ATTACH " + SECRET + " " + (i + 1));
            assertEquals("OK", stream.read());
            streams.add(stream);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send("request " + round + " of client " + i);
                streams.get(i).send("reply " + round + " to client " + i);
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals("request " + round + " of client " + i, streams.get(i).read());
                assertEquals("reply " + round + " to client " + i, clients.get(i).read());
            }
        }
    }

    @Test
    void bytesAndTheEndOfInputBehindTheAttachLineReachTheClientInOrder() throws IOException {
        RelayServer relay = relay(16);
        Line control = controlStream(relay);
        Line cluster = connect(relay.address());
        String id = control.read().substring(5);

        Line data = connect(relay.controlAddress().orElseThrow());
        data.out.write(("ATTACH " + SECRET + " " + id + "\nfirst\nsecond\n").getBytes(StandardCharsets.US_ASCII));
        data.out.flush();
        data.socket.shutdownOutput();
        assertEquals("first", cluster.read());
        assertEquals("second", cluster.read());
        assertEquals(null, cluster.read(), "then the end of the local side's output");
        cluster.send("the client may still talk");
        assertEquals("OK", data.read());
        assertEquals("the client may still talk", data.read(), "a half-close, not a close");
    }

    @Test
    void aRefusedConnectionIsClosedCleanlyAndTheRelayKeepsServing() throws IOException, InterruptedException {
        RelayServer relay = relay(16);
        Line control = controlStream(relay);

        Line first = connect(relay.address());
        String id = control.read().substring(5);
        control.send("REFUSED " + id);
        assertEquals(null, first.read(), "clean close, no reset");

        Line second = connect(relay.address());
        assertTrue(control.read().startsWith("OPEN "));
        // the refused client saw its end as the relay closed it; the relay counts it gone a moment later
        assertEquals(2, openFlowsOnceSettled(relay, 2), "the control stream and the second client");
        second.socket.close();
    }

    /** @return the relay's open flows once they are {@code expected}, or after two seconds whatever they are */
    private static int openFlowsOnceSettled(RelayServer relay, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (relay.openFlows() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return relay.openFlows();
    }

    @Test
    void streamsAboveTheLimitAreClosedAtOnce() throws IOException {
        RelayServer relay = relay(2);
        Line control = controlStream(relay);
        Line one = connect(relay.address());
        assertTrue(control.read().startsWith("OPEN "));
        Line two = connect(relay.address());
        assertEquals(null, two.read(), "third stream over a limit of two");
        control.socket.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, control::read, "no OPEN for the refused stream");
        one.socket.close();
    }

    @Test
    void theEnvironmentConfiguresReverseModeAndDemandsTheSecret() {
        RelayConfig config = EnvironmentConfig.read(Map.of(EnvironmentConfig.PROXY_TYPE, "Reverse",
                EnvironmentConfig.SECRET, SECRET, EnvironmentConfig.LOCAL_PORT, "8080"));
        assertEquals(ProxyType.REVERSE, config.proxyType());
        assertEquals("127.0.0.1:9999", config.control());
        InvalidRelayConfigException missing = assertThrows(InvalidRelayConfigException.class,
                () -> EnvironmentConfig.read(Map.of(EnvironmentConfig.PROXY_TYPE, "reverse",
                        EnvironmentConfig.SECRET, "short")));
        assertTrue(missing.getMessage().contains("RELAY_SECRET"), missing.getMessage());
    }

    /** A socket read and written line by line. */
    private static final class Line {
        final Socket socket;
        final OutputStream out;
        final BufferedReader in;

        Line(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String read() throws IOException {
            try {
                return in.readLine();
            } catch (java.net.SocketException reset) {
                return null;
            }
        }
    }
}
