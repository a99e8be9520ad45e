package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each forward of the runtime as it starts or fails, and keeps this process from running a
 * forward that another live kftray process already runs: such a forward is stopped here with
 * an error naming the owner, instead of two processes claiming one state row.
 */
final class ForwardReporter implements ForwardListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardReporter.class);

    private final ForwardManager manager;
    private final ConfigStore configs;
    private final StateStore states;
    /** Off the engine's threads: listeners must not block, and this reads the database. */
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kftray-forward-reporter");
        thread.setDaemon(true);
        return thread;
    });

    ForwardReporter(ForwardManager manager, ConfigStore configs, StateStore states) {
        this.manager = manager;
        this.configs = configs;
        this.states = states;
    }

    @Override
    public void forwardEvent(ForwardEvent event) {
        if (event.type() == ForwardEvent.Type.STATE_CHANGED) {
            try {
                worker.execute(() -> report(event.state()));
            } catch (RejectedExecutionException stopping) {
                // the runtime is shutting down: its forwards stop without being reported one by one
            }
        }
    }

    /** Reports the forwards that changed state before this listener was registered. */
    void catchUp() {
        manager.running().forEach(state -> worker.execute(() -> report(state)));
    }

    private void report(ForwardState state) {
        if (!reported.add(state.configId() + "/" + state.status() + "/" + state.since())) {
            return; // seen both as an event and while catching up
        }
        ForwardConfig config = configs.get(state.configId()).orElse(null);
        if (config == null) {
            return;
        }
        ForwardState shared = states.get(state.configId()).orElse(null);
        boolean heldElsewhere = shared != null && shared.status().isActive() && shared.owner() != null
                && !shared.owner().equals(states.self()) && states.isLive(shared.owner());
        if (heldElsewhere && state.status() != ForwardStatus.STOPPED) {
            LOG.error("forward '{}' is already run by kftray process {}; this process leaves it to that one",
                    config.displayName(), shared.owner());
            manager.stop(state.configId());
        } else if (state.status() == ForwardStatus.RUNNING) {
            LOG.info("{}", ProgressLine.running(config, state));
        } else if (state.status() == ForwardStatus.FAILED) {
            LOG.warn("{}", ProgressLine.failed(config, state.lastError()));
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
