package app.kftray.ui.swt.internal;

import app.kftray.api.model.ByteCount;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.HttpExchangeRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The text of the details pane: state, pod, last error and the tail of the HTTP log. */
final class DetailsText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private DetailsText() {
    }

    /**
     * @param row     the forward
     * @param httpLog the newest HTTP log entries, oldest first (empty when logging is off)
     * @return several lines for a person
     */
    static String of(ForwardRow row, List<HttpExchangeRecord> httpLog) {
        ForwardState state = row.state();
        ForwardCounters counters = state.counters();
        StringBuilder text = new StringBuilder();
        text.append("Forward: ").append(row.config().displayName()).append(" (id ").append(row.config().id())
                .append(")\n");
        text.append("Target: ").append(ForwardRow.target(row.config())).append(" in ")
                .append(row.cell("Context")).append('/').append(row.config().namespace()).append('\n');
        text.append("State: ").append(state.status()).append(" since ").append(TIME.format(state.since()));
        if (state.owner() != null) {
            text.append(" (process ").append(state.owner()).append(')');
        }
        text.append('\n');
        text.append("Pod: ").append(state.pod() == null ? "-" : state.pod()).append('\n');
        text.append("Listening: ").append(state.boundAddress() == null ? "-" : state.boundAddress()).append('\n');
        text.append("Last error: ").append(state.lastError() == null ? "-" : state.lastError()).append('\n');
        text.append("Traffic: ").append(counters.activeConnections()).append(" open, ")
                .append(counters.totalConnections()).append(" total connections, ")
                .append(ByteCount.human(counters.bytesIn())).append(" in, ")
                .append(ByteCount.human(counters.bytesOut())).append(" out, ")
                .append(counters.reconnects()).append(" reconnects\n");
        if (!row.config().httpLogsEnabled()) {
            text.append("HTTP log: off (enable it in the forward's settings)");
        } else if (httpLog.isEmpty()) {
            text.append("HTTP log: no requests yet");
        } else {
            text.append("HTTP log (newest last):");
            httpLog.forEach(entry -> text.append("\n  ").append(line(entry)));
        }
        return text.toString();
    }

    private static String line(HttpExchangeRecord entry) {
        String when = entry.end() == null ? "" : TIME.format(entry.end()) + "  ";
        if (entry.kind() == HttpExchangeRecord.Kind.NOTICE) {
            return when + "note: " + String.join("; ", entry.notes());
        }
        return when + entry.method() + " " + entry.uri() + " -> " + (entry.status() == 0 ? "no response" : entry.status());
    }
}
