package app.kftray.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** iperf3 (the Debian package): a server to forward to, and client runs whose throughput it reports. */
final class Iperf3 implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process server;
    private final InetSocketAddress address;

    private Iperf3(Process server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** @return whether iperf3 is installed */
    static boolean available() {
        return ExternalTool.installed("iperf3");
    }

    /** Starts a server on a free loopback port; it serves one test after another. */
    static Iperf3 startServer() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process server = new ProcessBuilder("iperf3", "-s", "-B", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket(address.getAddress(), port)) {
                // the control connection is dropped at once; iperf3 keeps serving
                return new Iperf3(server, address);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.destroyForcibly();
        throw new IOException("iperf3 -s did not listen on " + address);
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * @param target  the server, or a forward to it
     * @param streams parallel streams ({@code -P})
     * @param seconds test length ({@code -t})
     * @return throughput and bytes the receiver saw
     */
    static Result run(InetSocketAddress target, int streams, int seconds)
            throws IOException, InterruptedException {
        Process client = new ProcessBuilder(List.of("iperf3", "-c", target.getHostString(), "-p",
                String.valueOf(target.getPort()), "-P", String.valueOf(streams), "-t", String.valueOf(seconds), "-J"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!client.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IOException("iperf3 -c " + target + " did not finish");
        }
        // iperf3 may print a WARNING line before its JSON
        JsonNode doc = JSON.readTree(out.substring(Math.max(0, out.indexOf('{'))));
        JsonNode received = doc.path("end").path("sum_received");
        if (!received.has("bits_per_second")) {
            // a test that broke off counts as no figure, not as a failed run: it is reported as such
            System.err.println("iperf3 -c " + target + " -P " + streams + ": " + doc.path("error").asText("no result"));
            return new Result(Double.NaN, 0);
        }
        return new Result(received.get("bits_per_second").asDouble() / 8 / (1 << 20), received.get("bytes").asLong());
    }

    /**
     * @param mibPerSecond what the receiver saw per second
     * @param bytes        what it received
     */
    record Result(double mibPerSecond, long bytes) {
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
