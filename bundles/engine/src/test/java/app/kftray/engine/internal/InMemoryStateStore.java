package app.kftray.engine.internal;

import app.kftray.api.ConflictException;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runtime state in memory: the latest row per forward, every write, and the request queue. Other
 * processes can hold rows; as in the SQLite store, a row of a live other owner cannot be claimed,
 * and one of an owner that stopped heartbeating reads as stale and stopped.
 */
final class InMemoryStateStore implements StateStore {
    private final List<Runnable> requestWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final Owner SELF = new Owner(4242, "test-host");

    private final Map<Long, ForwardState> rows = new ConcurrentHashMap<>();
    private final List<ForwardState> writes = new CopyOnWriteArrayList<>();
    private final Queue<ControlRequest> requests = new ConcurrentLinkedQueue<>();
    private final Set<Owner> liveOthers = ConcurrentHashMap.newKeySet();

    @Override
    public Owner self() {
        return SELF;
    }

    @Override
    public synchronized void put(ForwardState state) {
        ForwardState previous = rows.get(state.configId());
        if (previous != null && previous.status().isActive() && !SELF.equals(previous.owner())
                && isLive(previous.owner())) {
            throw new ConflictException("forward " + state.configId() + " is run by kftray process "
                    + previous.owner());
        }
        rows.put(state.configId(), state);
        writes.add(state);
    }

    @Override
    public Optional<ForwardState> get(long configId) {
        return Optional.ofNullable(rows.get(configId)).map(this::reported);
    }

    @Override
    public List<ForwardState> list() {
        return rows.values().stream().map(this::reported).toList();
    }

    @Override
    public boolean isLive(Owner owner) {
        return SELF.equals(owner) || liveOthers.contains(owner);
    }

    /** Another live process claims the forward, as the SQLite store lets it once this one looks dead. */
    synchronized void claimedBy(Owner other, long configId) {
        liveOthers.add(other);
        rows.put(configId, new ForwardState(configId, ForwardStatus.RUNNING, other, null, "127.0.0.1:1",
                Instant.now(), null, null, false));
    }

    /** The other process stops the forward it ran: its row is stopped, without an owner. */
    synchronized void stoppedByOwner(long configId) {
        rows.put(configId, ForwardState.stopped(configId));
    }

    /** The other process stops heartbeating: its rows read as stale. */
    void silenced(Owner other) {
        liveOthers.remove(other);
    }

    private ForwardState reported(ForwardState row) {
        if (!row.status().isActive() || isLive(row.owner())) {
            return row;
        }
        return new ForwardState(row.configId(), ForwardStatus.STOPPED, null, null, null, row.since(),
                "stale", row.counters(), true);
    }

    @Override
    public void submit(ControlRequest request) {
        requests.add(request);
        requestWatchers.forEach(Runnable::run);
    }

    @Override
    public AutoCloseable watchRequests(Runnable maybeWaiting) {
        requestWatchers.add(maybeWaiting);
        return () -> requestWatchers.remove(maybeWaiting);
    }

    /** @return how many watch the requests */
    int requestWatchers() {
        return requestWatchers.size();
    }

    @Override
    public List<ControlRequest> takeRequests() {
        List<ControlRequest> taken = new ArrayList<>();
        for (ControlRequest r; (r = requests.poll()) != null; ) {
            taken.add(r);
        }
        return taken;
    }

    @Override
    public List<Transition> history(long configId, int limit) {
        return writes.stream().filter(s -> s.configId() == configId)
                .map(s -> new Transition(configId, s, Instant.now())).limit(limit).toList();
    }

    /** @return every state written, oldest first */
    List<ForwardState> writes() {
        return List.copyOf(writes);
    }
}
