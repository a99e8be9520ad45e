package app.kftray.api.model;

import java.time.Duration;
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
 * @param latency  for {@link Type#TARGET_CONNECTED}: how long the stream took to open; otherwise
 *                 {@code null}
 */
public record ForwardEvent(Type type, long configId, ForwardState state, String message, Instant at,
                           Duration latency) {
    /** Kinds of events. */
    public enum Type {
        /** The status changed; see {@link ForwardEvent#state()}. */
        STATE_CHANGED,
        /** An error that did not (yet) change the status, e.g. one connection failed. */
        ERROR,
        /** A local client connected. */
        CONNECTION_OPENED,
        /** A local client's connection ended. */
        CONNECTION_CLOSED,
        /**
         * The stream to the target of one connection or relay flow opened; see
         * {@link ForwardEvent#latency()}.
         *
         * @since 1.2
         */
        TARGET_CONNECTED
    }

    public ForwardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    /**
     * An event without a latency.
     *
     * @param type     what happened
     * @param configId the forward
     * @param state    the forward's state after the event
     * @param message  details for a person, may be {@code null}
     * @param at       when it happened
     */
    public ForwardEvent(Type type, long configId, ForwardState state, String message, Instant at) {
        this(type, configId, state, message, at, null);
    }
}
