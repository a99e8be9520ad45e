package app.kftray.relay.deploy.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.KftrayException;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for relay pods left by a crashed run in every namespace a saved forward could have
 * deployed one to, in the background so that an unreachable cluster does not hold up start-up.
 */
final class StartupSweep {
    private static final Logger LOG = LoggerFactory.getLogger(StartupSweep.class);
    private final ExecutorService worker;

    private StartupSweep(ExecutorService worker) {
        this.worker = worker;
    }

    static StartupSweep start(ConfigStore configs, RelayManager relays) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kftray-relay-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        worker.execute(() -> sweep(configs, relays));
        worker.shutdown();
        return new StartupSweep(worker);
    }

    /** Interrupts a sweep still running. */
    void stop() {
        worker.shutdownNow();
    }

    private static void sweep(ConfigStore configs, RelayManager relays) {
        Set<Place> places = new LinkedHashSet<>();
        try {
            for (ForwardConfig config : configs.list()) {
                if (config.workloadType() == WorkloadType.PROXY || "udp".equals(config.protocol())) {
                    places.add(new Place(ClusterRef.of(config), config.namespace()));
                }
            }
        } catch (KftrayException e) {
            LOG.warn("cannot read the saved forwards to look for leftover relay pods: {}", e.getMessage());
            return;
        }
        for (Place place : places) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                int removed = relays.removeOrphans(place.cluster(), place.namespace());
                if (removed > 0) {
                    LOG.info("removed {} leftover relay pod(s) in namespace {}", removed, place.namespace());
                }
            } catch (KftrayException e) {
                LOG.info("cannot look for leftover relay pods in namespace {}: {}", place.namespace(), e.getMessage());
            }
        }
    }

    private record Place(ClusterRef cluster, String namespace) {
    }
}
