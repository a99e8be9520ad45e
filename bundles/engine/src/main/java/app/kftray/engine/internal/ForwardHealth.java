package app.kftray.engine.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Whether one forward's connections or flows keep failing: degraded after {@link #FAILURES_DEGRADED}
 * failures in a row, healthy again at the first success. Tells its forward only about changes, and
 * about a new error text while degraded, so a stream of failures does not become a stream of state
 * writes. Called from every event loop at once.
 */
final class ForwardHealth {
    /** One failure can be a client that left or a pod that just restarted; three in a row are a pattern. */
    static final int FAILURES_DEGRADED = 3;

    /** What the forward is told; callers move it onto the forward's own executor. */
    interface Changes {
        /** @param error the latest failure; the forward is degraded, or still is with a new error */
        void degraded(String error);

        /** The first success after being degraded. */
        void recovered();
    }

    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicReference<String> lastReported = new AtomicReference<>();
    private final Changes changes;

    ForwardHealth(Changes changes) {
        this.changes = changes;
    }

    /** @param error why a connection or flow failed to reach the target */
    void failed(Throwable error) {
        String message = describe(error);
        if (failuresInARow.incrementAndGet() < FAILURES_DEGRADED) {
            return;
        }
        degraded.set(true);
        if (!Objects.equals(lastReported.getAndSet(message), message)) {
            changes.degraded(message);
        }
    }

    /** A connection or flow reached the target. */
    void reached() {
        failuresInARow.set(0);
        if (degraded.compareAndSet(true, false)) {
            lastReported.set(null);
            changes.recovered();
        }
    }

    /** @return whether the failures in a row reached the threshold and no success came since */
    boolean degraded() {
        return degraded.get();
    }

    /** Starts afresh: a new target, or the forward (re)started. */
    void reset() {
        failuresInARow.set(0);
        degraded.set(false);
        lastReported.set(null);
    }

    private static String describe(Throwable error) {
        Throwable shown = error;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() != null ? shown.getMessage() : shown.getClass().getSimpleName();
    }
}
