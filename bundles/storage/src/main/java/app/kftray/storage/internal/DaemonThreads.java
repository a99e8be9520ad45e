package app.kftray.storage.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** The bundle's background threads: named, daemon (they never keep a process alive), stopped with a bound. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** @return a single-thread scheduler whose thread has this name */
    static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }

    /** @return a single-thread executor whose thread has this name */
    static ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /**
     * Lets queued work finish for up to two seconds, then interrupts it.
     *
     * @param executor the executor to stop
     */
    static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
