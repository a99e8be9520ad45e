package app.kftray.bench;

import app.kftray.emulator.EchoProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Measures echo throughput through an address: a short warm-up, then {@code bytes} sent and verified on one
 * connection. MiB/s counts the payload once (it also travels back).
 */
public final class Throughput {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private Throughput() {
    }

    public static EchoProbe.Result measure(InetSocketAddress address, long bytes, long warmupBytes)
            throws IOException {
        if (warmupBytes > 0) {
            EchoProbe.roundTrip(address, warmupBytes, 1, IDLE_TIMEOUT);
        }
        return EchoProbe.roundTrip(address, bytes, 0, IDLE_TIMEOUT);
    }

    /** A fixed two-decimal rendering for tables. */
    public static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
