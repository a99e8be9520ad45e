package app.kftray.relay.deploy.internal;

import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A state store of one test: who runs which forward, and which owners are alive. */
final class MemoryStates implements StateStore {
    static final Owner SELF = new Owner(100, "test-host");
    private final Map<Long, ForwardState> states = new ConcurrentHashMap<>();
    private final Set<Owner> live = ConcurrentHashMap.newKeySet();

    MemoryStates() {
        live.add(SELF);
    }

    /** Records that {@code owner} runs forward {@code configId}, alive or not. */
    void running(long configId, Owner owner, boolean alive) {
        states.put(configId, new ForwardState(configId, ForwardStatus.RUNNING, owner, null, null, Instant.now(), null,
                null, false));
        if (alive) {
            live.add(owner);
        } else {
            live.remove(owner);
        }
    }

    @Override
    public Owner self() {
        return SELF;
    }

    @Override
    public void put(ForwardState state) {
        states.put(state.configId(), state);
    }

    @Override
    public Optional<ForwardState> get(long configId) {
        return Optional.ofNullable(states.get(configId));
    }

    @Override
    public List<ForwardState> list() {
        return List.copyOf(states.values());
    }

    @Override
    public boolean isLive(Owner owner) {
        return live.contains(owner);
    }

    @Override
    public void submit(ControlRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ControlRequest> takeRequests() {
        return List.of();
    }

    @Override
    public List<Transition> history(long configId, int limit) {
        return List.of();
    }
}
