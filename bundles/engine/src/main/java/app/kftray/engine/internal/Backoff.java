package app.kftray.engine.internal;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: doubling from an initial delay up to a maximum, each drawn at random
 * from the upper half of its step so that many forwards losing the same cluster do not
 * retry in lock-step. Not thread-safe; a forward uses it from its own serial executor.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final Random random;
    private long stepMillis;

    Backoff(Duration initial, Duration max, Random random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
        this.stepMillis = initialMillis;
    }

    /** @return the delay before the next attempt, between half the current step and the step */
    long nextDelayMillis() {
        long step = stepMillis;
        stepMillis = Math.min(maxMillis, stepMillis * 2);
        long half = step / 2;
        return half + (long) (random.nextDouble() * (step - half + 1));
    }

    /** Starts over at the initial delay, after a success. */
    void reset() {
        stepMillis = initialMillis;
    }
}
