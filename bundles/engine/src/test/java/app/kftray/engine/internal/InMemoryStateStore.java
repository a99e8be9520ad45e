package app.kftray.engine.internal;

import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runtime state in memory: the latest row per forward, every write, and the request queue. */
final class InMemoryStateStore implements StateStore {
    static final Owner SELF = new Owner(4242, "test-host");

    private final Map<Long, ForwardState> rows = new ConcurrentHashMap<>();
    private final List<ForwardState> writes = new CopyOnWriteArrayList<>();
    private final Queue<ControlRequest> requests = new ConcurrentLinkedQueue<>();

    @Override
    public Owner self() {
        return SELF;
    }

    @Override
    public void put(ForwardState state) {
        rows.put(state.configId(), state);
        writes.add(state);
    }

    @Override
    public Optional<ForwardState> get(long configId) {
        return Optional.ofNullable(rows.get(configId));
    }

    @Override
    public List<ForwardState> list() {
        return List.copyOf(rows.values());
    }

    @Override
    public boolean isLive(Owner owner) {
        return SELF.equals(owner);
    }

    @Override
    public void submit(ControlRequest request) {
        requests.add(request);
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
