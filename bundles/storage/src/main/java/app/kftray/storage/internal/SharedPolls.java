package app.kftray.storage.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores' looks for other processes' commits, run on one thread per period: the configuration store's
 * change poll and the state store's watch for control requests wake an idle process once per tick together
 * rather than each on a timer of its own. A poll that has left never runs again, nor is it still running
 * once {@link Membership#close()} returned, so its store may close its connection right after.
 */
final class SharedPolls {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPolls.class);
    private static final Map<Long, SharedPolls> BY_PERIOD = new HashMap<>(); // guarded by SharedPolls.class

    private final long periodMillis;
    private final ReentrantLock running = new ReentrantLock();
    private final List<Runnable> polls = new ArrayList<>(); // guarded by running
    private final ScheduledExecutorService thread = DaemonThreads.scheduler("kftray-db-poll");

    /** A poll's place on the shared tick. */
    interface Membership extends AutoCloseable {
        /** Takes the poll off the tick, waiting for a run in progress to end. */
        @Override
        void close();
    }

    private SharedPolls(long periodMillis) {
        this.periodMillis = periodMillis;
        thread.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * @param period how often the poll runs
     * @param poll   the poll; one that throws is logged and runs again next tick
     * @return its membership, to be closed when the poll's store closes
     */
    static Membership join(Duration period, Runnable poll) {
        SharedPolls shared;
        synchronized (SharedPolls.class) {
            shared = BY_PERIOD.computeIfAbsent(Math.max(1, period.toMillis()), SharedPolls::new);
            shared.running.lock();
            try {
                shared.polls.add(poll);
            } finally {
                shared.running.unlock();
            }
        }
        SharedPolls joined = shared;
        return () -> joined.leave(poll);
    }

    private void leave(Runnable poll) {
        boolean last;
        synchronized (SharedPolls.class) {
            running.lock();
            try {
                if (!polls.remove(poll)) {
                    return;
                }
                last = polls.isEmpty();
            } finally {
                running.unlock();
            }
            if (last) {
                BY_PERIOD.remove(periodMillis, this);
            }
        }
        if (last) {
            DaemonThreads.stop(thread);
        }
    }

    private void tick() {
        running.lock();
        try {
            for (Runnable poll : List.copyOf(polls)) {
                try {
                    poll.run();
                } catch (RuntimeException e) {
                    LOG.warn("A poll of the kftray database failed: {}", e.toString());
                }
            }
        } finally {
            running.unlock();
        }
    }
}
