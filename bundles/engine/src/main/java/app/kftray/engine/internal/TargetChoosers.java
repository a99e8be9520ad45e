package app.kftray.engine.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.KubeAccess;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.util.function.Supplier;

/** Picks the {@link TargetChooser} for a forward: the cluster's own pods, or the relay. */
final class TargetChoosers {
    /** The protocol carried through the relay even for services. */
    static final String RELAYED_PROTOCOL = "udp";

    private final TargetChooser cluster;
    private final Supplier<RelayManager> relay;

    TargetChoosers(KubeAccess kube, Supplier<RelayManager> relay) {
        this.cluster = kube::resolve;
        this.relay = relay;
    }

    /**
     * @param config the forward
     * @return how to choose its target
     * @throws KftrayException if it needs the relay and no relay manager is installed
     */
    TargetChooser forConfig(ForwardConfig config) {
        if (!needsRelay(config)) {
            return cluster;
        }
        RelayManager manager = relay.get();
        if (manager == null) {
            throw new KftrayException("forward '" + config.displayName() + "' needs the in-cluster relay ("
                    + (config.workloadType() == WorkloadType.PROXY ? "proxy workload" : "udp protocol")
                    + ") but no relay manager is installed; install the relay bundle and start it again");
        }
        return new RelayTarget(manager);
    }

    private static boolean needsRelay(ForwardConfig config) {
        return config.workloadType() == WorkloadType.PROXY || RELAYED_PROTOCOL.equals(config.protocol());
    }

    /** The relay pod deployed for the forward. */
    private record RelayTarget(RelayManager manager) implements TargetChooser {
        @Override
        public ResolvedTarget choose(ForwardConfig config) {
            return manager.ensureRelay(config);
        }

        @Override
        public void release(ForwardConfig config) {
            manager.release(config);
        }
    }
}
