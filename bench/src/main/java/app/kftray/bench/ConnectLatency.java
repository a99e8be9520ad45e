package app.kftray.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * New-connection latency: connect, send one byte, wait for its echo, close; repeated on fresh
 * connections. Reports percentiles in milliseconds.
 */
final class ConnectLatency {
    private static final int TIMEOUT_MS = 10_000;

    private ConnectLatency() {
    }

    /**
     * Percentiles of one run.
     *
     * @param p50 median, ms
     * @param p99 99th percentile, ms
     * @param max slowest, ms
     */
    record Result(double p50, double p99, double max) {
    }

    /**
     * @param address     the echo path
     * @param connections how many to time (after a few untimed ones)
     * @return the percentiles
     */
    static Result measure(InetSocketAddress address, int connections) throws IOException {
        repeat(address, 20);
        return measureFirst(address, connections);
    }

    /**
     * @param address     the echo path
     * @param connections how many to time, from the first one on (no untimed warm-up)
     * @return the percentiles
     */
    static Result measureFirst(InetSocketAddress address, int connections) throws IOException {
        long[] nanos = new long[connections];
        for (int i = 0; i < connections; i++) {
            nanos[i] = once(address);
        }
        Arrays.sort(nanos);
        return new Result(millis(nanos[connections / 2]), millis(nanos[(int) Math.ceil(connections * 0.99) - 1]),
                millis(nanos[connections - 1]));
    }

    /** Makes {@code connections} untimed connections, e.g. to warm the path up. */
    static void repeat(InetSocketAddress address, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            once(address);
        }
    }

    private static long once(InetSocketAddress address) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address, TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.getOutputStream().write(42);
            InputStream in = socket.getInputStream();
            if (in.read() != 42) {
                throw new IOException("the echo of a new connection through " + address + " was wrong or missing");
            }
            return System.nanoTime() - start;
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
