package app.kftray.relay.server;

import app.kftray.relay.testing.FrameClient;
import app.kftray.relay.testing.UdpResponder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loopback benchmark of the relay, each figure next to the same work done directly:
 * UDP request/response rate and latency (one stream, lock-step, 64-byte datagrams) and TCP
 * throughput (one connection, bulk upload). Prints a table and writes
 * {@code target/bench/relay.json}. Run with
 * {@code mvn -pl relay-server test-compile exec:java -Dexec.mainClass=app.kftray.relay.server.RelayBenchmark -Dexec.classpathScope=test}.
 */
public final class RelayBenchmark {

    private static final int UDP_WARMUP = 3_000;
    private static final int UDP_REQUESTS = 20_000;
    private static final long TCP_BYTES = 512L << 20;
    private static final int TCP_ROUNDS = 3;

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("java", System.getProperty("java.version"));
        try (UdpResponder responder = new UdpResponder()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", responder.port());
            results.put("udp_direct", udpDirect(target));
            try (RelayServer relay = RelayServer.start(loopback(ProxyType.UDP, responder.port()))) {
                results.put("udp_relay", udpRelayed(relay.address()));
            }
        }
        try (Sink sink = new Sink()) {
            results.put("tcp_direct", tcpThroughput(sink.port()));
            try (RelayServer relay = RelayServer.start(loopback(ProxyType.TCP, sink.port()))) {
                results.put("tcp_relay", tcpThroughput(relay.port()));
            }
        }
        print(results);
        Path out = outputFile();
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.println("written " + out);
    }

    private static RelayConfig loopback(ProxyType type, int port) {
        return RelayConfig.builder(type, "127.0.0.1", port).bindAddress("127.0.0.1").listenPort(0).build();
    }

    /** One round trip of one request; returns its latency in nanoseconds. */
    private interface RoundTrip {
        long run() throws IOException;
    }

    private static Map<String, Object> udpDirect(InetSocketAddress target) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.connect(target);
            socket.setSoTimeout(5_000);
            byte[] request = new byte[64];
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            return measure(() -> {
                long start = System.nanoTime();
                socket.send(new DatagramPacket(request, request.length));
                socket.receive(reply);
                return System.nanoTime() - start;
            });
        }
    }

    private static Map<String, Object> udpRelayed(InetSocketAddress relay) throws IOException {
        try (FrameClient client = new FrameClient(relay)) {
            byte[] request = new byte[64];
            return measure(() -> {
                long start = System.nanoTime();
                client.send(request);
                client.receive();
                return System.nanoTime() - start;
            });
        }
    }

    private static Map<String, Object> measure(RoundTrip roundTrip) throws IOException {
        for (int i = 0; i < UDP_WARMUP; i++) {
            roundTrip.run();
        }
        long[] latencies = new long[UDP_REQUESTS];
        long start = System.nanoTime();
        for (int i = 0; i < UDP_REQUESTS; i++) {
            latencies[i] = roundTrip.run();
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests", UDP_REQUESTS);
        result.put("qps", Math.round(UDP_REQUESTS / (elapsed / 1e9)));
        result.put("p50_us", latencies[UDP_REQUESTS / 2] / 1_000.0);
        result.put("p99_us", latencies[(int) (UDP_REQUESTS * 0.99)] / 1_000.0);
        return result;
    }

    private static Map<String, Object> tcpThroughput(int port) throws IOException {
        double best = 0;
        double[] rounds = new double[TCP_ROUNDS];
        byte[] chunk = new byte[64 * 1024];
        for (int r = 0; r < TCP_ROUNDS; r++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                long start = System.nanoTime();
                OutputStream out = socket.getOutputStream();
                for (long sent = 0; sent < TCP_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
                socket.shutdownOutput();
                long received = new DataInputStream(socket.getInputStream()).readLong();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (received != TCP_BYTES) {
                    throw new IllegalStateException("sink got " + received + " of " + TCP_BYTES + " bytes");
                }
                rounds[r] = TCP_BYTES / seconds / (1 << 20);
                best = Math.max(best, rounds[r]);
            }
        }
        Arrays.sort(rounds);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bytes_per_round", TCP_BYTES);
        result.put("rounds", TCP_ROUNDS);
        result.put("median_mib_s", Math.round(rounds[TCP_ROUNDS / 2]));
        result.put("best_mib_s", Math.round(best));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> results) {
        Map<String, Object> ud = (Map<String, Object>) results.get("udp_direct");
        Map<String, Object> ur = (Map<String, Object>) results.get("udp_relay");
        Map<String, Object> td = (Map<String, Object>) results.get("tcp_direct");
        Map<String, Object> tr = (Map<String, Object>) results.get("tcp_relay");
        System.out.printf("%-34s %14s %14s%n", "loopback, " + results.get("cpus") + " cpus", "direct", "via relay");
        System.out.printf("%-34s %14s %14s%n", "UDP req/resp, qps (1 stream)", ud.get("qps"), ur.get("qps"));
        System.out.printf("%-34s %14s %14s%n", "UDP latency p50, us", ud.get("p50_us"), ur.get("p50_us"));
        System.out.printf("%-34s %14s %14s%n", "UDP latency p99, us", ud.get("p99_us"), ur.get("p99_us"));
        System.out.printf("%-34s %14s %14s%n", "TCP upload, MiB/s (median of 3)", td.get("median_mib_s"), tr.get("median_mib_s"));
    }

    /** {@code target/bench/relay.json} of this module, wherever the benchmark is started from. */
    private static Path outputFile() throws Exception {
        Path testClasses = Path.of(RelayBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent().resolve("bench").resolve("relay.json");
    }

    /** Reads each connection to its end, then answers with the byte count it received. */
    private static final class Sink implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;

        Sink() throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::serve, "bench-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            byte[] buffer = new byte[256 * 1024];
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    long total = 0;
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                    }
                    new DataOutputStream(socket.getOutputStream()).writeLong(total);
                } catch (IOException e) {
                    // server closed, or one connection failed: the client reports it
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
