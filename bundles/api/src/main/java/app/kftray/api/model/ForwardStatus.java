package app.kftray.api.model;

/** The lifecycle of a running forward. */
public enum ForwardStatus {
    /** Not running (never started, stopped by a user, or its owner is gone). */
    STOPPED,
    /** Resolving the target and binding the local socket. */
    STARTING,
    /** Listening locally and forwarding to a ready pod. */
    RUNNING,
    /** The cluster or pod was lost; retrying with backoff without user action. */
    RECONNECTING,
    /**
     * Listening and trying, but its connections or flows keep failing;
     * {@link ForwardState#lastError()} holds the last failure. Back to {@link #RUNNING} on the
     * first success.
     */
    DEGRADED,
    /** Gave up; {@link ForwardState#lastError()} says why. */
    FAILED;

    /** @return whether a forward in this state holds its local socket or tries to */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == RECONNECTING || this == DEGRADED;
    }
}
