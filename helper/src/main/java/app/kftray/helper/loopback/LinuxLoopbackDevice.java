package app.kftray.helper.loopback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux routes all of 127.0.0.0/8 to {@code lo} by default, so an address that can be bound is
 * left alone; only one that cannot is added as a /32 with {@code ip addr add}.
 */
public final class LinuxLoopbackDevice implements LoopbackDevice {
    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    @Override
    public boolean ensure(String address) throws IOException {
        if (bindable(address)) {
            return false;
        }
        run(List.of("ip", "addr", "add", address + "/32", "dev", "lo"));
        return true;
    }

    @Override
    public void remove(String address) throws IOException {
        run(List.of("ip", "addr", "del", address + "/32", "dev", "lo"));
    }

    private static boolean bindable(String address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The address was validated before, so it goes to {@code ip} as one plain argument. */
    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(String.join(" ", command) + " failed: " + output.lines().findFirst().orElse(""));
        }
    }
}
