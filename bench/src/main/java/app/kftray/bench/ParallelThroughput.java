package app.kftray.bench;

import app.kftray.emulator.EchoProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Aggregate echo throughput of many connections at once, every byte verified. */
final class ParallelThroughput {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private ParallelThroughput() {
    }

    /**
     * @param address     the echo path
     * @param connections how many at once
     * @param bytesEach   payload per connection
     * @return all bytes and the wall time from first connect to last verified byte
     */
    static EchoProbe.Result measure(InetSocketAddress address, int connections, long bytesEach) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            List<Future<EchoProbe.Result>> runs = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int seed = i;
                runs.add(clients.submit(() -> EchoProbe.roundTrip(address, bytesEach, seed, IDLE_TIMEOUT)));
            }
            long bytes = 0;
            for (Future<EchoProbe.Result> run : runs) {
                bytes += run.get().bytes();
            }
            return new EchoProbe.Result(bytes, System.nanoTime() - start);
        } finally {
            clients.shutdownNow();
        }
    }
}
