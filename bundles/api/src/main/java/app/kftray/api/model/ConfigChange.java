package app.kftray.api.model;

import java.util.Objects;

/**
 * A change to the saved forward definitions, made by this process or another one.
 *
 * @param kind     what happened
 * @param configId the definition concerned
 * @param external {@code true} when another process made the change
 */
public record ConfigChange(Kind kind, long configId, boolean external) {
    /** Kinds of changes. */
    public enum Kind {
        /** A definition was added. */
        CREATED,
        /** A definition was changed. */
        UPDATED,
        /** A definition was removed. */
        DELETED
    }

    public ConfigChange {
        Objects.requireNonNull(kind, "kind");
    }
}
