package app.kftray.ui.swt.internal;

import app.kftray.api.model.ByteCount;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import java.util.List;
import java.util.Locale;

/**
 * One line of the forwards table: a saved definition with its current state, rendered as
 * the cell texts of {@link #COLUMNS}.
 *
 * @param config the definition
 * @param state  its state (stopped when nobody runs it)
 */
record ForwardRow(ForwardConfig config, ForwardState state) {
    /** Column titles, in table order. */
    static final List<String> COLUMNS = List.of("Alias", "Context", "Namespace", "Target", "Local address",
            "Protocol", "State", "Connections", "Bytes");

    /** @return the heading this forward is listed under: its group if it has one, else its context */
    String groupLabel() {
        return groupLabel(config);
    }

    /**
     * @param config a definition
     * @return {@code Group: name} for a forward with a group, {@code Context: name} otherwise
     */
    static String groupLabel(ForwardConfig config) {
        return config.group() != null ? "Group: " + config.group()
                : "Context: " + orDefault(config.context(), "(current)");
    }

    /**
     * Orders rows by a column's value: numbers as numbers (connections, bytes), text ignoring case.
     *
     * @param column a title of {@link #COLUMNS}
     * @return the order
     */
    static java.util.Comparator<ForwardRow> order(String column) {
        return switch (column) {
            case "Connections" -> java.util.Comparator.<ForwardRow>comparingLong(r -> r.state().counters().activeConnections())
                    .thenComparingLong(r -> r.state().counters().totalConnections());
            case "Bytes" -> java.util.Comparator.comparingLong(
                    r -> r.state().counters().bytesIn() + r.state().counters().bytesOut());
            default -> java.util.Comparator.comparing(r -> r.cell(column), String.CASE_INSENSITIVE_ORDER);
        };
    }

    /** @return the cell texts, one per column */
    List<String> cells() {
        ForwardCounters counters = state.counters();
        return List.of(config.displayName(), orDefault(config.context(), "(current)"), nullToEmpty(config.namespace()),
                target(config), localAddress(), config.protocol(), state.status().name(),
                counters.activeConnections() + " / " + counters.totalConnections(),
                ByteCount.human(counters.bytesIn()) + " in, " + ByteCount.human(counters.bytesOut()) + " out");
    }

    /**
     * @param column a title of {@link #COLUMNS}
     * @return that cell's text
     */
    String cell(String column) {
        int index = COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("unknown column '" + column + "'; columns: " + COLUMNS);
        }
        return cells().get(index);
    }

    /**
     * @param query words typed in the search box
     * @return whether every word appears in some cell (case-insensitive)
     */
    boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = String.join(" ", cells()).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private String localAddress() {
        if (state.boundAddress() != null && state.status().isActive()) {
            return state.boundAddress();
        }
        return config.effectiveLocalAddress() + ":" + (config.localPort() == 0 ? "auto" : config.localPort());
    }

    static String target(ForwardConfig config) {
        String port = nullToEmpty(config.remotePort());
        return switch (config.workloadType() == null ? app.kftray.api.model.WorkloadType.SERVICE : config.workloadType()) {
            case SERVICE -> "svc/" + nullToEmpty(config.service()) + ":" + port;
            case POD -> "pod " + nullToEmpty(config.target()) + ":" + port;
            case PROXY -> "proxy " + nullToEmpty(config.remoteAddress()) + ":" + port;
            case NAMESPACE -> "namespace " + nullToEmpty(config.namespace());
            case EXPOSE -> "expose as " + nullToEmpty(config.alias());
        };
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
