package app.kftray.engine.internal;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardState;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the hosts entries of this user's forwards that no process runs any more: what a
 * kftray that crashed or was killed left in the hosts file.
 */
final class StaleHostEntries {
    private static final Logger LOG = LoggerFactory.getLogger(StaleHostEntries.class);

    private StaleHostEntries() {
    }

    /**
     * @param helper the helper's client
     * @param states the runtime state of every process
     * @return how many entries were removed
     */
    static int remove(HostsHelper helper, StateStore states) {
        Map<String, String> entries;
        try {
            // entries first: an entry added after this read belongs to a forward already active below
            entries = helper.hosts();
        } catch (KftrayException e) {
            LOG.debug("hosts entries not checked: {}", e.getMessage());
            return 0;
        }
        Set<String> running = states.list().stream()
                .filter(state -> state.status().isActive() && state.owner() != null && states.isLive(state.owner()))
                .map(ForwardState::configId).map(String::valueOf).collect(Collectors.toSet());
        int removed = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!running.contains(entry.getKey())) {
                try {
                    helper.removeHost(entry.getKey());
                    removed++;
                    LOG.info("removed the hosts entry {} of forward {}, which no longer runs", entry.getValue(), entry.getKey());
                } catch (KftrayException e) {
                    LOG.warn("the hosts entry {} of forward {} stays: {}", entry.getValue(), entry.getKey(), e.getMessage());
                }
            }
        }
        return removed;
    }
}
