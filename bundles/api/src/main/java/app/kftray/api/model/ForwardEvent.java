package app.kftray.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a running forward, delivered to
 * {@link app.kftray.api.ForwardListener} services.
 *
 * @param type     what happened
 * @param configId the forward
 * @param state    the forward's state after the event
 * @param message  details for a person (error text, peer address), may be {@code null}
 * @param at       when it happened
 */
public record ForwardEvent(Type type, long configId, ForwardState state, String message, Instant at) {
    /** Kinds of events. */
    public enum Type {
        /** The status changed; see {@link ForwardEvent#state()}. */
        STATE_CHANGED,
        /** An error that did not (yet) change the status, e.g. one connection failed. */
        ERROR,
        /** A local client connected. */
        CONNECTION_OPENED,
        /** A local client's connection ended. */
        CONNECTION_CLOSED
    }

    public ForwardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
