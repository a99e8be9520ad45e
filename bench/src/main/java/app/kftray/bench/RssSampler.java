package app.kftray.bench;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Samples the resident memory of a few processes five times a second and keeps the peak of each. */
final class RssSampler implements AutoCloseable {
    private final Map<String, Long> pids;
    private final Map<String, Double> peaks = new ConcurrentHashMap<>();
    private final Thread thread;

    /** @param pids the processes by name */
    RssSampler(Map<String, Long> pids) {
        this.pids = pids;
        thread = new Thread(this::run, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            pids.forEach((name, pid) -> {
                try {
                    peaks.merge(name, ProcFs.rssMib(pid), Math::max);
                } catch (IOException gone) {
                    // the process ended; its peak stays
                }
            });
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the highest resident memory seen of {@code name}, MiB */
    double peak(String name) {
        return peaks.getOrDefault(name, Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
