package app.kftray.relay.server;

import app.kftray.relay.testing.FirehoseServer;
import app.kftray.relay.testing.LeakCheck;
import app.kftray.relay.testing.LogCapture;
import app.kftray.relay.testing.TcpEchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpRelayTest {

    private static TcpEchoServer echo;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startEcho() {
        LeakCheck.install();
        echo = new TcpEchoServer();
    }

    @AfterAll
    static void stopEcho() {
        echo.close();
        LeakCheck.assertNoLeaks();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private RelayServer relay(int targetPort, RelayConfig.Builder... tweaks) {
        RelayConfig.Builder builder = RelayConfig.builder(ProxyType.TCP, "127.0.0.1", targetPort)
                .bindAddress("127.0.0.1").listenPort(0);
        RelayServer relay = RelayServer.start(tweaks.length == 0 ? builder.build() : tweaks[0].build());
        cleanup.add(relay);
        return relay;
    }

    private Socket connect(RelayServer relay) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        socket.setSoTimeout(5_000);
        cleanup.add(socket);
        return socket;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void bytesArriveIntactForSeveralClientsAtOnce() throws Exception {
        RelayServer relay = relay(echo.port());
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            byte[] data = new byte[1 << 20];
            new Random(c).nextBytes(data);
            Socket socket = connect(relay);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int off = 0; off < data.length; off += 8192) {
                        out.write(data, off, 8192);
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            clients.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(socket.getInputStream());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).thenAcceptBoth(writer, (echoed, ignored) -> assertArrayEquals(data, echoed)));
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void halfCloseDeliversTheReplyThenEndsTheConnection() throws Exception {
        RelayServer relay = relay(echo.port());
        Socket socket = connect(relay);
        socket.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
        socket.shutdownOutput();
        // The echo server answers after our end of stream, proving the relay kept the way back open.
        assertEquals("last words", new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
        awaitNoFlows(relay);
    }

    @Test
    void refusedUpstreamClosesTheClientAndLogsWhy() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (LogCapture log = LogCapture.start()) {
            RelayServer relay = relay(deadPort);
            Socket socket = connect(relay);
            assertEquals(-1, socket.getInputStream().read(), "client sees end of stream");
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=upstream_connect_failed",
                    "upstream=127.0.0.1:" + deadPort));
            awaitNoFlows(relay);
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            RelayServer relay = relay(echo.port(), RelayConfig.builder(ProxyType.TCP, "127.0.0.1", echo.port())
                    .bindAddress("127.0.0.1").listenPort(0).tcpIdleTimeout(Duration.ofMillis(300)));
            Socket socket = connect(relay);
            socket.getOutputStream().write(1);
            assertEquals(1, socket.getInputStream().read());
            assertEquals(-1, socket.getInputStream().read(), "closed after the idle timeout");
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=idle_timeout"));
        }
    }

    @Test
    void clientThatStopsReadingStopsTheUpstreamSender() throws Exception {
        long offered = 256L << 20;
        FirehoseServer firehose = new FirehoseServer(offered);
        cleanup.add(firehose);
        RelayServer relay = relay(firehose.port());
        Socket socket = connect(relay);
        socket.getOutputStream().write(0); // connected; from now on the client never reads
        long before = -1;
        for (int i = 0; i < 100 && firehose.written() != before; i++) {
            before = firehose.written();
            Thread.sleep(200);
        }
        // Without backpressure the relay would swallow everything offered; with it, only what
        // fits the socket buffers on the way plus one read in flight.
        assertTrue(firehose.written() < 64L << 20,
                "upstream got rid of " + firehose.written() + " of " + offered + " bytes with nobody reading");
        socket.setSoTimeout(5_000);
        assertTrue(socket.getInputStream().readNBytes(1 << 20).length == 1 << 20, "data flows once the client reads");
    }

    private static void awaitNoFlows(RelayServer relay) throws InterruptedException {
        for (int i = 0; i < 100 && relay.openFlows() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, relay.openFlows());
    }
}
