package app.kftray.storage.internal;

import app.kftray.api.ConfigListener;
import app.kftray.api.model.ConfigChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects announced changes so a test can wait for them. */
final class RecordingListener implements ConfigListener {
    private final BlockingQueue<ConfigChange> changes = new LinkedBlockingQueue<>();

    @Override
    public void configChanged(ConfigChange change) {
        changes.add(change);
    }

    /** @return the next change, or {@code null} if none arrives in time */
    ConfigChange next(Duration timeout) throws InterruptedException {
        return changes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return changes received so far, removed from the queue */
    List<ConfigChange> drain() {
        List<ConfigChange> taken = new java.util.ArrayList<>();
        changes.drainTo(taken);
        return taken;
    }
}
