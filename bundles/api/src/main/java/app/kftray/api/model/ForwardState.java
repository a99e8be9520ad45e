package app.kftray.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The runtime state of one forward, as written to the shared state store.
 *
 * @param configId     id of the {@link ForwardConfig}
 * @param status       lifecycle status
 * @param owner        process running it, {@code null} when stopped
 * @param pod          name of the pod it forwards to, {@code null} if none yet
 * @param boundAddress local {@code host:port} it listens on, {@code null} if not bound
 * @param since        when {@code status} was entered
 * @param lastError    last error shown to the user, {@code null} if none
 * @param counters     traffic counters
 * @param stale        {@code true} when the owner stopped heartbeating (crashed); the
 *                     store then reports the status as {@link ForwardStatus#STOPPED}
 */
public record ForwardState(long configId, ForwardStatus status, Owner owner, String pod, String boundAddress,
                           Instant since, String lastError, ForwardCounters counters, boolean stale) {
    public ForwardState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        counters = counters == null ? ForwardCounters.ZERO : counters;
    }

    /**
     * @param configId the forward
     * @return the state of a forward nobody runs
     */
    public static ForwardState stopped(long configId) {
        return new ForwardState(configId, ForwardStatus.STOPPED, null, null, null, Instant.now(), null,
                ForwardCounters.ZERO, false);
    }

    /**
     * @param newStatus the next status
     * @param error     the error that caused it, or {@code null}
     * @return a copy in {@code newStatus} since now
     */
    public ForwardState withStatus(ForwardStatus newStatus, String error) {
        return new ForwardState(configId, newStatus, owner, pod, boundAddress, Instant.now(), error, counters,
                false);
    }

    /**
     * @param newCounters the latest counters
     * @return a copy with those counters
     */
    public ForwardState withCounters(ForwardCounters newCounters) {
        return new ForwardState(configId, status, owner, pod, boundAddress, since, lastError, newCounters, stale);
    }
}
