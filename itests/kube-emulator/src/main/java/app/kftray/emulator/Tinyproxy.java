package app.kftray.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real tinyproxy (the HTTP proxy of Debian's {@code tinyproxy} package) on a free loopback port with a
 * configuration of its own, standing in for a corporate proxy in front of an API server. It allows
 * {@code CONNECT} only to the given ports, so one that lists another port is a proxy that refuses
 * (403). Its log is kept for tests to read. Close it to stop the process.
 */
public final class Tinyproxy implements AutoCloseable {
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private Tinyproxy(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * @param dir          where its configuration and log go
     * @param connectPorts the only ports {@code CONNECT} may reach
     * @return the running proxy, once it accepts connections
     * @throws IOException if tinyproxy is missing or does not start
     */
    public static Tinyproxy start(Path dir, Set<Integer> connectPorts) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(dir, connectPorts, freePort());
            } catch (IOException e) {
                last = e; // most likely another process took the port first
            }
        }
        throw last;
    }

    private static Tinyproxy startOnce(Path dir, Set<Integer> connectPorts, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("tinyproxy-" + port + ".log");
        Path config = dir.resolve("tinyproxy-" + port + ".conf");
        Files.writeString(config, String.join("\n", List.of(
                "Port " + port, "Listen 127.0.0.1", "Timeout 900", "MaxClients 200", "Allow 127.0.0.1",
                "LogLevel Connect", "LogFile \"" + log + "\"",
                connectPorts.stream().map(p -> "ConnectPort " + p).collect(Collectors.joining("\n")))) + "\n");
        Process process = new ProcessBuilder(locate(), "-d", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tinyproxy-" + port + ".out").toFile()))
                .start();
        Tinyproxy proxy = new Tinyproxy(process, new InetSocketAddress("127.0.0.1", port), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited with status " + process.exitValue());
            }
            try (Socket probe = new Socket()) {
                probe.connect(proxy.address, 200);
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        proxy.close();
        throw new IOException("tinyproxy did not listen on " + proxy.address + " within 10 s");
    }

    public InetSocketAddress address() {
        return address;
    }

    /** @return {@code http://127.0.0.1:PORT}, as a kubeconfig's {@code proxy-url} */
    public String url() {
        return "http://127.0.0.1:" + address.getPort();
    }

    /** @return its log so far (one line per CONNECT at this level) */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Kills it at once: it has nothing to save, and a graceful stop waits for open tunnels. */
    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String locate() throws IOException {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "tinyproxy");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("tinyproxy is not installed (Debian package tinyproxy)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
