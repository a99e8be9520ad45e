package app.kftray.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic duties of the engine's timer on one wake-up: each runs on every n-th tick, n being its
 * period over the tick (at least one). An idle process is woken once per tick rather than once per
 * duty, and a failing duty is logged without stopping the others.
 */
final class SharedTick implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTick.class);

    private final Duration tick;
    private final List<Duty> duties = new ArrayList<>();
    private long ticks;

    private record Duty(String name, long everyTicks, Runnable work) {
    }

    /** @param tick how often {@link #run()} is called */
    SharedTick(Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("the tick must be positive, not " + tick);
        }
        this.tick = tick;
    }

    /**
     * @param name  what the duty does, for the log
     * @param every its period; rounded down to whole ticks
     * @param work  the duty
     * @return this
     */
    SharedTick every(String name, Duration every, Runnable work) {
        duties.add(new Duty(name, Math.max(1, every.toNanos() / tick.toNanos()), work));
        return this;
    }

    /** One tick: the duties that are due, in the order they were added. */
    @Override
    public void run() {
        ticks++;
        for (Duty duty : duties) {
            if (ticks % duty.everyTicks() == 0) {
                try {
                    duty.work().run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed", duty.name(), e);
                }
            }
        }
    }
}
