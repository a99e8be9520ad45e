package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
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
 * Logs each forward of the runtime as it starts or fails. (Which process runs a forward another
 * one holds is the engine's choice: it stands by until that owner stops heartbeating.)
 */
final class ForwardReporter implements ForwardListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardReporter.class);

    private final ForwardManager manager;
    private final ConfigStore configs;
    /** Off the engine's threads: listeners must not block, and this reads the database. */
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kftray-forward-reporter");
        thread.setDaemon(true);
        return thread;
    });

    ForwardReporter(ForwardManager manager, ConfigStore configs) {
        this.manager = manager;
        this.configs = configs;
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
        if (state.status() == ForwardStatus.RUNNING) {
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
