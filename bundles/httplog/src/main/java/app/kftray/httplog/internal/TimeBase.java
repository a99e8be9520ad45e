package app.kftray.httplog.internal;

import java.time.Instant;

/** Converts {@link System#nanoTime()} stamps (cheap to take on the data path) into wall-clock instants. */
final class TimeBase {
    private final Instant wallBase = Instant.now();
    private final long nanoBase = System.nanoTime();

    Instant toInstant(long nanos) {
        return wallBase.plusNanos(nanos - nanoBase);
    }
}
