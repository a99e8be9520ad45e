package app.kftray.storage.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the changes to the saved definitions a store has seen (its own writes and other processes'
 * change-log rows), and keeps one value derived from all of them until the next change, so that a
 * reader asking every few seconds reads the table only after something changed.
 *
 * @param <T> the derived value; must be immutable, as every caller shares it
 */
final class DefinitionsRevision<T> {
    private final AtomicLong revision = new AtomicLong();
    private volatile Kept<T> kept;

    private record Kept<T>(long revision, T value) {
    }

    /** The definitions changed, or may have: the kept value is read afresh next time. */
    void changed() {
        revision.incrementAndGet();
    }

    /**
     * @param read reads the value from the definitions as they are now
     * @return the kept value if no change came since it was read, else a fresh one
     */
    T get(Supplier<T> read) {
        long current = revision.get(); // taken before reading: a change during the read is not missed
        Kept<T> last = kept;
        if (last != null && last.revision() == current) {
            return last.value();
        }
        T value = read.get();
        kept = new Kept<>(current, value);
        return value;
    }
}
