package app.kftray.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /**
     * @param what      described in the failure message
     * @param timeout   the longest wait
     * @param condition becomes true eventually
     * @throws AssertionError if it did not within the timeout
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause(POLL_MILLIS);
        }
    }

    /**
     * Waits until a value stops changing: the same for {@code steadyFor} in a row.
     *
     * @param what      described in the failure message
     * @param timeout   the longest wait
     * @param steadyFor how long the value must stay the same
     * @param value     the observed value
     * @return the settled value
     */
    public static <T> T settled(String what, Duration timeout, Duration steadyFor, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < steadyFor.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " to settle; last value " + last);
            }
            pause(POLL_MILLIS);
            T now = value.get();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
