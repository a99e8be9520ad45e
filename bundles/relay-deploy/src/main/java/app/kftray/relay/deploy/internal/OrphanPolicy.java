package app.kftray.relay.deploy.internal;

import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.util.Optional;

/**
 * Decides whether a relay pod of this user and host is left over from a run that ended
 * without cleaning up: no live kftray process runs its forward now. The state store,
 * shared by every kftray process of this user, knows who runs what.
 */
final class OrphanPolicy {
    private final StateStore states;

    OrphanPolicy(StateStore states) {
        this.states = states;
    }

    /**
     * @param configId   the forward the pod serves
     * @param ownedHere  whether this process created the pod and still uses it
     * @return whether the pod may be deleted
     */
    boolean isOrphan(long configId, boolean ownedHere) {
        if (ownedHere) {
            return false;
        }
        Optional<ForwardState> state = states.get(configId);
        if (state.isEmpty() || !state.get().status().isActive() || state.get().stale()) {
            return true;
        }
        Owner owner = state.get().owner();
        // this process runs the forward but does not know the pod: it predates this run
        return owner == null || owner.equals(states.self()) || !states.isLive(owner);
    }
}
