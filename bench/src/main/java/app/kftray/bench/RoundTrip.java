package app.kftray.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Small-message round trips, closed loop on open echo connections (one outstanding message
 * each): the ceiling of a path for request/response traffic such as DNS, without connection
 * set-up. Reports round trips per second and latency in milliseconds.
 */
final class RoundTrip {
    private static final int TIMEOUT_MS = 10_000;
    private static final int WARMUP = 200;

    private RoundTrip() {
    }

    /**
     * @param perSecond round trips per second, all connections together
     * @param p50       median, ms
     * @param p99       99th percentile, ms
     */
    record Result(double perSecond, double p50, double p99) {
    }

    /**
     * @param address     the echo path
     * @param bytes       message size
     * @param connections how many connections at once
     * @param each        round trips to time per connection (after a few untimed ones)
     * @return the rate and percentiles
     * @throws IOException if an echo is wrong or missing
     */
    static Result measure(InetSocketAddress address, int bytes, int connections, int each) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                runs.add(clients.submit(() -> connection(address, bytes, each)));
            }
            long[] all = new long[connections * each];
            int next = 0;
            for (Future<long[]> run : runs) {
                for (long nanos : run.get()) {
                    all[next++] = nanos;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(all);
            return new Result(all.length / seconds, all[all.length / 2] / 1e6,
                    all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6);
        } finally {
            clients.shutdownNow();
        }
    }

    private static long[] connection(InetSocketAddress address, int bytes, int count) throws IOException {
        byte[] message = new byte[bytes];
        Arrays.fill(message, (byte) 'q');
        long[] nanos = new long[count];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address, TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < WARMUP + count; i++) {
                long start = System.nanoTime();
                out.write(message);
                if (!Arrays.equals(in.readNBytes(bytes), message)) {
                    throw new IOException("the echo of a " + bytes + "-byte message through " + address
                            + " was wrong or missing");
                }
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }
}
