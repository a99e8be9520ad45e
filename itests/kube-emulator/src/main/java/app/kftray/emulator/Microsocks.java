package app.kftray.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SOCKS5 proxy (Debian's {@code microsocks}) on a free loopback port, standing in for the
 * SOCKS5 proxy (often an SSH {@code -D} tunnel) a kubeconfig's {@code proxy-url} names. One that
 * demands a user and password is a proxy that refuses whoever comes without them. Close it to stop it.
 */
public final class Microsocks implements AutoCloseable {
    private final LocalDaemon daemon;
    private final Path out;

    private Microsocks(LocalDaemon daemon, Path out) {
        this.daemon = daemon;
        this.out = out;
    }

    /**
     * @param dir           where its output goes
     * @param requireSignIn whether it demands a user and password (so it refuses a client without them)
     * @return the running proxy, once it accepts connections
     * @throws IOException if microsocks is missing or does not start
     */
    public static Microsocks start(Path dir, boolean requireSignIn) throws IOException, InterruptedException {
        String program = LocalDaemon.locate("microsocks", "microsocks");
        Path out = dir.resolve("microsocks.out");
        return new Microsocks(LocalDaemon.start("microsocks", out, port -> {
            List<String> command = new ArrayList<>(List.of(program, "-i", "127.0.0.1", "-p", String.valueOf(port)));
            if (requireSignIn) {
                command.addAll(List.of("-u", "someone-else", "-P", "a-password-kftray-is-not-given"));
            }
            return command;
        }), out);
    }

    /** @return what it printed so far: a line per connection it made ({@code connected to HOST:PORT}) */
    public String log() throws IOException {
        return Files.exists(out) ? Files.readString(out) : "";
    }

    public InetSocketAddress address() {
        return daemon.address();
    }

    /** @return {@code socks5://127.0.0.1:PORT}, as a kubeconfig's {@code proxy-url} */
    public String url() {
        return "socks5://127.0.0.1:" + address().getPort();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
