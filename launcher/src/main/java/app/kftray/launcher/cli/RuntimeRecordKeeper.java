package app.kftray.launcher.cli;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the runtime record to this process when it runs a forward while the recorded runtime is
 * gone: a runtime that started beside a live one (frozen, or about to die) and then took its
 * forwards over is the one that start and stop requests must reach.
 */
final class RuntimeRecordKeeper implements ForwardListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeRecordKeeper.class);

    private final RuntimeRegistry registry;
    /** Set while a look at the record is queued: a burst of forwards starting asks once. */
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Off the engine's threads: listeners must not block, and this reads the database. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kftray-runtime-record");
        thread.setDaemon(true);
        return thread;
    });

    RuntimeRecordKeeper(RuntimeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void forwardEvent(ForwardEvent event) {
        if (event.type() != ForwardEvent.Type.STATE_CHANGED || event.state().status() != ForwardStatus.RUNNING
                || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::claim);
        } catch (RejectedExecutionException stopping) {
            queued.set(false);
        }
    }

    private void claim() {
        queued.set(false);
        try {
            if (!registry.holds() && registry.register().isEmpty()) {
                LOG.info("this process is now the kftray runtime of its database: commands send their requests here");
            }
        } catch (RuntimeException e) {
            LOG.debug("runtime record not updated: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
