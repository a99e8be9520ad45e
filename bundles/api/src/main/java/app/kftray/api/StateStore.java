package app.kftray.api;

import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runtime state of forwards shared by all kftray processes. Rows carry their owning
 * process and a heartbeat; a row whose owner stopped heartbeating is reported as
 * stale and {@link app.kftray.api.model.ForwardStatus#STOPPED}.
 */
@ProviderType
public interface StateStore {

    /** @return this process as an owner of state rows */
    Owner self();

    /**
     * Writes the state of a forward this process runs (owner set to {@link #self()})
     * and appends a history entry when the status changed.
     *
     * @param state the new state
     */
    void put(ForwardState state);

    /**
     * @param configId the forward
     * @return its state, stale rows already shown as stopped
     */
    Optional<ForwardState> get(long configId);

    /** @return the state of every forward that has a state row */
    List<ForwardState> list();

    /**
     * @param owner a process
     * @return whether it heartbeated recently
     */
    boolean isLive(Owner owner);

    /**
     * Asks whichever process owns a forward to act on it. The owner picks requests up
     * with {@link #takeRequests()} (within a second).
     *
     * @param request what to do
     */
    void submit(ControlRequest request);

    /** @return requests addressed to this process, removed from the queue */
    List<ControlRequest> takeRequests();

    /**
     * Has {@code maybeWaiting} called whenever requests for this process may have been queued, so that
     * the owner can take them at once instead of polling {@link #takeRequests()} often. A call may find
     * nothing; the default store never calls, and is only polled.
     *
     * @param maybeWaiting called on a thread of the store; must return quickly
     * @return stops the calls once closed
     * @since 1.7
     */
    default AutoCloseable watchRequests(Runnable maybeWaiting) {
        return () -> {
        };
    }

    /**
     * @param configId the forward
     * @param limit    most entries to return
     * @return newest first
     */
    List<Transition> history(long configId, int limit);

    /**
     * A request to the owning process.
     *
     * @param configId the forward
     * @param action   what to do
     * @param target   the process that should act
     */
    record ControlRequest(long configId, Action action, Owner target) {
        /** What the owner should do. */
        public enum Action { START, STOP, RESTART }
    }

    /**
     * One status change in a forward's history.
     *
     * @param configId the forward
     * @param state    the state entered
     * @param at       when
     */
    record Transition(long configId, ForwardState state, Instant at) {
    }
}
