package app.kftray.bench;

import app.kftray.emulator.DnsProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop DNS load: each client sends one A query, waits for its answer, and sends the
 * next, so queries per second and latency are those of the path. Every answer is checked
 * against the record of the name asked for; a lost query counts as lost, not as answered.
 */
final class DnsLoad {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private DnsLoad() {
    }

    /**
     * One run.
     *
     * @param answered queries answered correctly
     * @param lost     queries that timed out
     * @param nanos    wall time from the first query to the last answer
     * @param p50      median latency, ms
     * @param p99      99th percentile latency, ms
     */
    record Result(long answered, long lost, long nanos, double p50, double p99) {
        double queriesPerSecond() {
            return answered / (nanos / 1e9);
        }
    }

    /**
     * @param server  a DNS server, or a UDP forward to one
     * @param records the names it answers and their addresses; client {@code i} asks for the i-th name
     * @param clients how many clients query at once, each from its own socket
     * @param each    queries per client
     * @return the totals and latency percentiles
     * @throws IllegalStateException if a client receives an answer meant for another query
     */
    static Result run(InetSocketAddress server, Map<String, String> records, int clients, int each)
            throws Exception {
        List<String> names = List.copyOf(records.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String name = names.get(i % names.size());
                runs.add(pool.submit(() -> client(server, name, records.get(name), each)));
            }
            long[] all = new long[clients * each];
            int answered = 0;
            for (Future<long[]> run : runs) {
                for (long nanos : run.get()) {
                    all[answered++] = nanos;
                }
            }
            long elapsed = System.nanoTime() - start;
            Arrays.sort(all, 0, answered);
            return new Result(answered, (long) clients * each - answered, elapsed, percentile(all, answered, 0.50),
                    percentile(all, answered, 0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the latency of each answered query, in nanoseconds */
    private static long[] client(InetSocketAddress server, String name, String expected, int count) {
        long[] latencies = new long[count];
        int answered = 0;
        try (DnsProbe probe = new DnsProbe(server, TIMEOUT)) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Optional<String> answer = probe.query(name, i & 0xffff);
                if (answer.isEmpty()) {
                    continue;
                }
                if (!answer.get().equals(expected)) {
                    throw new IllegalStateException(name + " resolved to " + answer.get() + ", not " + expected);
                }
                latencies[answered++] = System.nanoTime() - start;
            }
        }
        return Arrays.copyOf(latencies, answered);
    }

    private static double percentile(long[] sorted, int count, double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(count * fraction) - 1)] / 1e6;
    }
}
