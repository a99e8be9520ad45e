package app.kftray.engine.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.KubeAccess;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.util.function.Supplier;

/**
 * Picks the {@link TargetChooser} for a forward: the cluster's own pods, or the relay for a proxy
 * workload and for a protocol whose handler declares {@value app.kftray.api.ProtocolHandler#NEEDS_RELAY}.
 */
final class TargetChoosers {
    private final TargetChooser cluster;
    private final Supplier<RelayManager> relay;

    TargetChoosers(KubeAccess kube, Supplier<RelayManager> relay) {
        this.cluster = kube::resolve;
        this.relay = relay;
    }

    /**
     * @param config             the forward
     * @param protocolNeedsRelay whether the handler of its protocol declares that it needs the relay
     * @return how to choose its target
     * @throws KftrayException if it needs the relay and no relay manager is installed
     */
    TargetChooser forConfig(ForwardConfig config, boolean protocolNeedsRelay) {
        boolean proxy = config.workloadType() == WorkloadType.PROXY;
        if (!proxy && !protocolNeedsRelay) {
            return cluster;
        }
        RelayManager manager = relay.get();
        if (manager == null) {
            throw new KftrayException("forward '" + config.displayName() + "' needs the in-cluster relay ("
                    + (proxy ? "proxy workload" : config.protocol() + " protocol")
                    + ") but no relay manager is installed; install the relay bundle and start it again");
        }
        return new RelayTarget(manager);
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
