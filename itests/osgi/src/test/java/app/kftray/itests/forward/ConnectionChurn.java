package app.kftray.itests.forward;

import app.kftray.itests.forward.fixture.ProcessResources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens and at once closes many connections through one forward while another forward carries
 * echo traffic, then checks the process returns to the descriptors and threads it had before.
 */
final class ConnectionChurn {
    /** Descriptors or threads that may differ from the baseline (JDK and framework housekeeping). */
    static final int TOLERANCE = 32;
    private static final long SETTLE_MS = 30_000;

    private ConnectionChurn() {
    }

    /**
     * What happened.
     *
     * @param connections      connections opened and closed
     * @param failedConnects   connects that failed
     * @param seconds          how long the churn took
     * @param steadyRoundTrips echo round trips on the other forward meanwhile
     * @param steadyFailures   of those, how many failed
     * @param before           descriptors and threads before
     * @param peak             descriptors and threads right after the churn
     * @param after            after settling
     */
    record Result(int connections, int failedConnects, double seconds, int steadyRoundTrips, int steadyFailures,
                  ProcessResources before, ProcessResources peak, ProcessResources after) {
        boolean settled() {
            return after.within(before, TOLERANCE);
        }

        String report() {
            return String.format(Locale.ROOT, "%d connections in %.1f s (%.0f/s), %d failed; other forward: %d round "
                            + "trips, %d failed; fds %d -> %d (peak) -> %d, threads %d -> %d (peak) -> %d",
                    connections, seconds, connections / seconds, failedConnects, steadyRoundTrips, steadyFailures,
                    before.fds(), peak.fds(), after.fds(), before.threads(), peak.threads(), after.threads());
        }
    }

    /**
     * @param churn       the forward to open and close connections on
     * @param steady      another forward, kept busy with echo round trips meanwhile
     * @param connections how many connections in all
     * @param parallel    how many client threads
     * @return the counts
     */
    static Result run(InetSocketAddress churn, InetSocketAddress steady, int connections, int parallel)
            throws Exception {
        ProcessResources before = ProcessResources.now();
        ExecutorService clients = Executors.newFixedThreadPool(parallel + 1);
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicInteger steadyTrips = new AtomicInteger();
        AtomicInteger steadyFailures = new AtomicInteger();
        long start = System.nanoTime();
        try {
            Future<?> other = clients.submit(() -> {
                while (churning.get()) {
                    steadyTrips.incrementAndGet();
                    if (!Clients.echoes(steady)) {
                        steadyFailures.incrementAndGet();
                    }
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < parallel; t++) {
                int share = connections / parallel + (t < connections % parallel ? 1 : 0);
                workers.add(clients.submit(() -> openAndClose(churn, share, failed)));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
            churning.set(false);
            other.get(1, TimeUnit.MINUTES);
        } finally {
            churning.set(false);
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ProcessResources peak = ProcessResources.now();
        ProcessResources after = ProcessResources.settleTo(before, TOLERANCE, SETTLE_MS);
        return new Result(connections, failed.get(), seconds, steadyTrips.get(), steadyFailures.get(), before, peak,
                after);
    }

    private static void openAndClose(InetSocketAddress address, int count, AtomicInteger failed) {
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 5000);
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }
}
