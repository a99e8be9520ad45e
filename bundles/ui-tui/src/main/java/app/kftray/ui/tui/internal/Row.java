package app.kftray.ui.tui.internal;

import app.kftray.api.model.ByteCount;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import java.util.List;
import java.util.Locale;

/**
 * One forward as the table shows it: its definition, its latest state and the cell texts of
 * {@link #COLUMNS}.
 *
 * @param config the definition
 * @param state  its state (stopped when nobody runs it)
 */
record Row(ForwardConfig config, ForwardState state) {
    /** Column titles, in table order. */
    static final List<String> COLUMNS = List.of("Alias", "Context", "Namespace", "Target", "Local address",
            "Proto", "State", "Conns", "Bytes in/out");

    long id() {
        return config.id();
    }

    /** @return whether it holds or tries to hold its local socket */
    boolean active() {
        return state.status().isActive();
    }

    /** @return the cell texts, one per column */
    List<String> cells() {
        ForwardCounters counters = state.counters();
        return List.of(config.displayName(), Text.orDefault(config.context(), "(current)"),
                Text.orEmpty(config.namespace()), Text.target(config), localAddress(), config.protocol(),
                state.status().name(), counters.activeConnections() + "/" + counters.totalConnections(),
                ByteCount.human(counters.bytesIn()) + " / " + ByteCount.human(counters.bytesOut()));
    }

    /**
     * kftui's search: every word must appear in the alias, service, namespace, context, workload
     * type, ports or target (case-insensitive).
     *
     * @param query words typed after {@code /}
     * @return whether the forward matches
     */
    boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = String.join(" ", config.displayName(), Text.orEmpty(config.service()),
                Text.orEmpty(config.namespace()), Text.orDefault(config.context(), "(current)"),
                config.workloadType() == null ? "" : config.workloadType().jsonName(),
                Text.orEmpty(config.remotePort()), Integer.toString(config.localPort()), Text.target(config),
                Text.orEmpty(config.target())).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private String localAddress() {
        if (state.boundAddress() != null && active()) {
            return state.boundAddress();
        }
        return config.effectiveLocalAddress() + ":" + (config.localPort() == 0 ? "auto" : config.localPort());
    }
}
