package app.kftray.itests.resume;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this host by a veth pair, with a name, interfaces and a /30 of its own so
 * that tests running at once do not meet: a process started in it reaches the host only over the link,
 * which can be taken down (carrier lost, no reset, as a dropped Wi-Fi or VPN) and brought up again.
 * Needs root and {@code ip} (iproute2). Close it to remove both.
 */
final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final String hostSide;
    private final InetAddress hostAddress;
    private final InetAddress insideAddress;

    private NetworkNamespace(String name, String hostSide, InetAddress hostAddress, InetAddress insideAddress) {
        this.name = name;
        this.hostSide = hostSide;
        this.hostAddress = hostAddress;
        this.insideAddress = insideAddress;
    }

    static NetworkNamespace create() throws IOException, InterruptedException {
        String id = Long.toHexString(ProcessHandle.current().pid()) + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x100, 0x1000));
        String name = "kftray-" + id;
        String hostSide = ("kfh" + id);
        String inside = ("kfn" + id);
        int block = ThreadLocalRandom.current().nextInt(1, 16_000) * 4;
        InetAddress host = InetAddress.getByAddress(new byte[] {10, (byte) 213, (byte) (block >> 8), (byte) (block + 1)});
        InetAddress peer = InetAddress.getByAddress(new byte[] {10, (byte) 213, (byte) (block >> 8), (byte) (block + 2)});
        NetworkNamespace ns = new NetworkNamespace(name, hostSide, host, peer);
        try {
            ip("netns", "add", name);
            ip("link", "add", hostSide, "type", "veth", "peer", "name", inside);
            ip("link", "set", inside, "netns", name);
            ip("addr", "add", host.getHostAddress() + "/30", "dev", hostSide);
            ip("link", "set", hostSide, "up");
            ip("netns", "exec", name, "ip", "addr", "add", peer.getHostAddress() + "/30", "dev", inside);
            ip("netns", "exec", name, "ip", "link", "set", inside, "up");
            ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
            ip("netns", "exec", name, "ip", "route", "add", "default", "via", host.getHostAddress());
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** @return the host's address on the link, which processes inside reach it by */
    InetAddress hostAddress() {
        return hostAddress;
    }

    /** @return the command prefix that runs a command inside */
    List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Takes the host's end of the link down: inside, the carrier is lost; nothing is reset. */
    void linkDown() throws IOException, InterruptedException {
        ip("link", "set", hostSide, "down");
    }

    void linkUp() throws IOException, InterruptedException {
        ip("link", "set", hostSide, "up");
    }

    @Override
    public void close() {
        try {
            ip("link", "del", hostSide);
        } catch (IOException | InterruptedException e) {
            // not created, or gone with the namespace
        }
        try {
            ip("netns", "del", name);
        } catch (IOException | InterruptedException e) {
            // not created
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
