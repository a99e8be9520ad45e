package app.kftray.engine.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;

/**
 * Decides where a forward's new connections go. Every pod choice of the engine goes through
 * this one interface, so a load-balancing strategy (several ready endpoints) can replace the
 * single-pod one without touching the lifecycle.
 */
interface TargetChooser {

    /**
     * @param config the forward
     * @return a ready pod and port
     * @throws app.kftray.api.KubeException when none is available; its reason says whether to retry
     */
    ResolvedTarget choose(ForwardConfig config);

    /** @param config the forward, which no longer needs what {@link #choose} set up */
    default void release(ForwardConfig config) {
    }
}
