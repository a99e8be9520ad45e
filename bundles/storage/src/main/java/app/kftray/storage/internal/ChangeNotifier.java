package app.kftray.storage.internal;

import app.kftray.api.ConfigListener;
import app.kftray.api.model.ConfigChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link ConfigChange}s to the whiteboard {@link ConfigListener}s on one thread
 * of its own, in the order they happened, so that writers never wait for listeners.
 */
final class ChangeNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = DaemonThreads.executor("kftray-config-events");

    void add(ConfigListener listener) {
        listeners.add(listener);
    }

    void remove(ConfigListener listener) {
        listeners.remove(listener);
    }

    /** @param changes what changed, delivered in this order */
    void publish(List<ConfigChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ConfigChange> copy = List.copyOf(changes);
        try {
            dispatcher.execute(() -> copy.forEach(this::deliver));
        } catch (RejectedExecutionException closing) {
            LOG.debug("Store closing; {} change events not delivered", copy.size());
        }
    }

    private void deliver(ConfigChange change) {
        for (ConfigListener listener : listeners) {
            try {
                listener.configChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("Config listener {} failed on {}", listener, change, e);
            }
        }
    }

    @Override
    public void close() {
        DaemonThreads.stop(dispatcher);
    }
}
