package app.kftray.relay.server;

import app.kftray.relay.testing.FrameClient;
import app.kftray.relay.testing.RelayThreads;
import app.kftray.relay.testing.TcpEchoServer;
import app.kftray.relay.testing.UdpResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayLifecycleTest {

    private static RelayConfig.Builder loopback(ProxyType type, int targetPort) {
        return RelayConfig.builder(type, "127.0.0.1", targetPort).bindAddress("127.0.0.1").listenPort(0);
    }

    @Test
    void closeEndsOpenFlowsStopsAcceptingAndReleasesThreads() throws Exception {
        try (TcpEchoServer echo = new TcpEchoServer(); UdpResponder responder = new UdpResponder()) {
            RelayServer tcp = RelayServer.start(loopback(ProxyType.TCP, echo.port()).build());
            RelayServer udp = RelayServer.start(loopback(ProxyType.UDP, responder.port()).build());
            try (Socket tcpClient = new Socket(InetAddress.getLoopbackAddress(), tcp.port());
                 FrameClient udpClient = new FrameClient(udp.address())) {
                tcpClient.setSoTimeout(5_000);
                tcpClient.getOutputStream().write(42);
                assertEquals(42, tcpClient.getInputStream().read());
                udpClient.send("ask drain 1 0");
                assertEquals("drain#1", udpClient.receiveText());
                assertEquals(1, tcp.openFlows());
                assertEquals(1, udp.openFlows());

                tcp.close();
                udp.close();

                assertEquals(-1, tcpClient.getInputStream().read(), "TCP client sees end of stream");
                assertTrue(udpClient.closedByRelay(), "UDP stream ends");
                assertEquals(0, tcp.openFlows());
                assertEquals(0, udp.openFlows());
                assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), tcp.port()).close());
                tcp.close(); // idempotent
            }
        }
        RelayThreads.assertNoneAlive();
    }

    @Test
    void flowsShareOneEventLoopPerCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> before = RelayThreads.alive();
        try (UdpResponder responder = new UdpResponder()) {
            RelayServer udp = RelayServer.start(loopback(ProxyType.UDP, responder.port()).build());
            List<FrameClient> clients = new ArrayList<>();
            try {
                // more flows than Netty's default of two loops per core would spread them over
                for (int i = 0; i < 2 * cores + 1; i++) {
                    FrameClient client = new FrameClient(udp.address());
                    clients.add(client);
                    client.send("ask flow" + i + " 1 0");
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertEquals("flow" + i + "#1", clients.get(i).receiveText(), "each flow gets its own reply");
                }
                List<String> relayThreads = new ArrayList<>(RelayThreads.alive());
                relayThreads.removeAll(before);
                assertTrue(relayThreads.size() <= cores, cores + " cores, relay threads: " + relayThreads);
            } finally {
                for (FrameClient client : clients) {
                    client.close();
                }
                udp.close();
            }
        }
        RelayThreads.assertNoneAlive();
    }

    @Test
    void healthEndpointAnswersProbesUntilShutdown() throws Exception {
        RelayServer relay = RelayServer.start(loopback(ProxyType.TCP, 9).healthPort(0).build());
        int port = relay.healthPort().orElseThrow();
        try {
            assertEquals("HTTP/1.1 200 OK", statusLine(port, "GET /healthz HTTP/1.1"));
            assertEquals("HTTP/1.1 200 OK", statusLine(port, "HEAD /healthz?probe=1 HTTP/1.1"));
            assertEquals("HTTP/1.1 404 Not Found", statusLine(port, "GET / HTTP/1.1"));
            assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(port, "POST /healthz HTTP/1.1"));
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(port, "\u0001\u0002 garbage"));
        } finally {
            relay.close();
        }
        assertThrows(ConnectException.class, () -> statusLine(port, "GET /healthz HTTP/1.1"));
        RelayThreads.assertNoneAlive();
    }

    @Test
    void busyPortFailsTheStartWithoutLeavingThreads() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RelayServer.start(
                    loopback(ProxyType.TCP, 9).listenPort(taken.getLocalPort()).build()));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        RelayThreads.assertNoneAlive();
    }

    @Test
    void containerProcessStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("relay.log");
        try (TcpEchoServer echo = new TcpEchoServer()) {
            Process process = relayProcess(log, "REMOTE_ADDRESS", "127.0.0.1", "REMOTE_PORT", String.valueOf(echo.port()),
                    "LOCAL_PORT", "0", "RELAY_BIND_ADDRESS", "127.0.0.1", "RELAY_HEALTH_PORT", "0");
            try {
                Matcher started = awaitLine(log, Pattern.compile(
                        "event=started proxy_type=tcp listen=127\\.0\\.0\\.1:(\\d+) .* health=127\\.0\\.0\\.1:(\\d+)"));
                int port = Integer.parseInt(started.group(1));
                assertEquals("HTTP/1.1 200 OK", statusLine(Integer.parseInt(started.group(2)), "GET /healthz HTTP/1.1"));
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    client.setSoTimeout(10_000);
                    client.getOutputStream().write(7);
                    assertEquals(7, client.getInputStream().read());

                    process.destroy(); // SIGTERM

                    assertEquals(-1, client.getInputStream().read(), "open connection is closed, not cut");
                    assertTrue(process.waitFor(15, TimeUnit.SECONDS), "process exits");
                    assertEquals(143, process.exitValue(), "exit status of a SIGTERM'd JVM");
                    awaitLine(log, Pattern.compile("event=stopping open_flows=1"));
                    awaitLine(log, Pattern.compile("event=stopped"));
                }
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void containerProcessRefusesABadConfigurationWithStatus2(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("relay.log");
        Process process = relayProcess(log, "PROXY_TYPE", "sctp", "REMOTE_ADDRESS", "127.0.0.1");
        try {
            assertTrue(process.waitFor(15, TimeUnit.SECONDS));
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(2, process.exitValue(), output);
            assertTrue(output.contains("invalid configuration"), output);
            assertTrue(output.contains("PROXY_TYPE must be tcp, udp or reverse, was 'sctp'"), output);
            assertTrue(output.contains("REMOTE_PORT is required"), output);
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@link Main} in a child JVM with exactly the given environment, output to {@code log}. */
    private static Process relayProcess(Path log, String... env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        for (int i = 0; i < env.length; i += 2) {
            builder.environment().put(env[i], env[i + 1]);
        }
        return builder.start();
    }

    /** Polls the child's log file (a pipe would race the child's exit and lose its last lines). */
    private static Matcher awaitLine(Path log, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + text);
    }

    private static String statusLine(int port, String requestLine) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: relay\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }
}
