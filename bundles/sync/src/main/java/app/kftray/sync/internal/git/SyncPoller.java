package app.kftray.sync.internal.git;

import app.kftray.api.ConfigSync;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ForwardManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs at the configured interval in the runtime that runs forwards (headless or desktop: it
 * needs the {@link ForwardManager}, which one-shot commands do not boot). The settings are read
 * from the shared settings table on every tick, so {@code kftray sync set} in another process
 * takes effect within a second; the last attempt is shared too, so runtimes on one machine do not
 * each fetch at every interval.
 */
@Component(immediate = true)
public final class SyncPoller {
    private static final Logger LOG = LoggerFactory.getLogger(SyncPoller.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final ConfigSync sync;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kftray-git-sync");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param sync     the sync service
     * @param forwards present only in runtimes that run forwards
     */
    @Activate
    public SyncPoller(@Reference ConfigSync sync, @Reference ForwardManager forwards) {
        this.sync = sync;
        timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            Optional<Settings> settings = sync.settings();
            if (settings.isEmpty()) {
                return;
            }
            Instant last = sync.status().lastAttempt();
            if (last == null || !Instant.now().isBefore(last.plus(settings.get().interval()))) {
                sync.syncNow(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("Git sync poll failed: {}", e.getMessage());
        }
    }
}
