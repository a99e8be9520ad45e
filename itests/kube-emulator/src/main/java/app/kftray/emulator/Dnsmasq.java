package app.kftray.emulator;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq on a free loopback port, answering fixed A records and nothing else (no upstream,
 * no hosts file), for tests and benchmarks of UDP forwarding. Close it to stop the process.
 */
public final class Dnsmasq implements AutoCloseable {
    /** dnsmasq exits with 2 on a network problem, such as its port being taken. */
    private static final int NETWORK_ERROR = 2;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final InetSocketAddress address;

    private Dnsmasq(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * @param records host name to IPv4 address, e.g. {@code a.test -> 10.0.0.1}
     * @return the running server, once it answers
     * @throws IOException if dnsmasq is missing or does not start
     */
    public static Dnsmasq start(Map<String, String> records) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(records, freePort());
            } catch (PortTaken e) {
                last = e;   // another process took the port between our probe and dnsmasq's bind
            }
        }
        throw last;
    }

    private static Dnsmasq startOnce(Map<String, String> records, int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(locate(), "--no-daemon", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--cache-size=0",
                "--pid-file"));
        records.forEach((name, ip) -> command.add("--address=/" + name + "/" + ip));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Dnsmasq dns = new Dnsmasq(process, new InetSocketAddress("127.0.0.1", port));
        String probe = records.keySet().iterator().next();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                throw status == NETWORK_ERROR ? new PortTaken(port)
                        : new IOException("dnsmasq exited with status " + status);
            }
            if (DnsProbe.resolve(dns.address, probe, Duration.ofMillis(200)).isPresent()) {
                return dns;
            }
        }
        dns.close();
        throw new IOException("dnsmasq did not answer on " + dns.address + " within 10 s");
    }

    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String locate() throws IOException {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin")) {
            Path candidate = Path.of(dir, "dnsmasq");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("dnsmasq is not installed");
    }

    /** dnsmasq serves DNS on TCP too: the port must be free for both. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException tcpTaken) {
                    // try another one
                }
            }
        }
        throw new IOException("no loopback port is free for both UDP and TCP");
    }

    /** dnsmasq's exit status for a network problem such as an address in use. */
    private static final class PortTaken extends IOException {
        PortTaken(int port) {
            super("dnsmasq could not bind port " + port + " (exit status " + NETWORK_ERROR + ")");
        }
    }
}
