package app.kftray.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real tinyproxy (the HTTP proxy of Debian's {@code tinyproxy} package) on a free loopback port with a
 * configuration of its own, standing in for a corporate proxy in front of an API server. It allows
 * {@code CONNECT} only to the given ports, so one that lists another port is a proxy that refuses
 * (403). Its log is kept for tests to read. Close it to stop the process.
 */
public final class Tinyproxy implements AutoCloseable {
    private final LocalDaemon daemon;
    private final Path log;

    private Tinyproxy(LocalDaemon daemon, Path log) {
        this.daemon = daemon;
        this.log = log;
    }

    /**
     * @param dir          where its configuration and log go
     * @param connectPorts the only ports {@code CONNECT} may reach
     * @return the running proxy, once it accepts connections
     * @throws IOException if tinyproxy is missing or does not start
     */
    public static Tinyproxy start(Path dir, Set<Integer> connectPorts) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String program = LocalDaemon.locate("tinyproxy", "tinyproxy");
        Path[] log = new Path[1];
        LocalDaemon daemon = LocalDaemon.start("tinyproxy", dir.resolve("tinyproxy.out"), port -> {
            log[0] = dir.resolve("tinyproxy-" + port + ".log");
            Path config = dir.resolve("tinyproxy-" + port + ".conf");
            Files.writeString(config, String.join("\n", List.of(
                    "Port " + port, "Listen 127.0.0.1", "Timeout 900", "MaxClients 200", "Allow 127.0.0.1",
                    "LogLevel Connect", "LogFile \"" + log[0] + "\"",
                    connectPorts.stream().map(p -> "ConnectPort " + p).collect(Collectors.joining("\n")))) + "\n");
            return List.of(program, "-d", "-c", config.toString());
        });
        return new Tinyproxy(daemon, log[0]);
    }

    public InetSocketAddress address() {
        return daemon.address();
    }

    /** @return {@code http://127.0.0.1:PORT}, as a kubeconfig's {@code proxy-url} */
    public String url() {
        return "http://127.0.0.1:" + address().getPort();
    }

    /** @return its log so far (one line per CONNECT at this level) */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Kills it at once: it has nothing to save, and a graceful stop waits for open tunnels. */
    @Override
    public void close() {
        daemon.close();
    }
}
