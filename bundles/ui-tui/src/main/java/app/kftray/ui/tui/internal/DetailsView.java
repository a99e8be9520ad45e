package app.kftray.ui.tui.internal;

import app.kftray.api.StateStore.Transition;
import app.kftray.api.model.ByteCount;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.ui.tui.internal.Palette.Style;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** The details pane: where the selected forward points, its state, pod, traffic, last error and history. */
final class DetailsView {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DetailsView() {
    }

    /**
     * @param canvas  where to draw
     * @param top     first row of the pane
     * @param height  rows of the pane
     * @param row     the selected forward, or {@code null}
     * @param history its newest status changes first (may be empty while loading)
     */
    static void draw(Canvas canvas, int top, int height, Row row, List<Transition> history) {
        canvas.line(0, top, " Details" + (row == null ? "" : " of " + row.config().displayName())
                + "   (Tab: HTTP log)", Style.HEADER);
        List<String> lines = row == null ? List.of("Select a forward to see its details.") : lines(row, history);
        for (int i = 1; i < height; i++) {
            String text = i - 1 < lines.size() ? lines.get(i - 1) : "";
            Style style = text.startsWith("Last error: ") && !text.endsWith(": -") ? Style.ERROR : Style.NORMAL;
            canvas.line(1, top + i, text, style);
            canvas.put(0, top + i, "", 1, Style.NORMAL);
        }
    }

    static List<String> lines(Row row, List<Transition> history) {
        ForwardState state = row.state();
        ForwardCounters counters = state.counters();
        String where = Text.target(row.config()) + " in " + Text.orDefault(row.config().context(), "(current context)")
                + " / " + Text.orEmpty(row.config().namespace()) + ", " + row.config().protocol()
                + ", id " + row.config().id();
        String since = "State: " + state.status() + " since " + DATE_TIME.format(state.since())
                + (state.owner() == null ? "" : ", run by process " + state.owner());
        String pod = "Pod: " + Text.orDefault(state.pod(), "-") + "   Listening: "
                + Text.orDefault(state.boundAddress(), "-");
        String traffic = "Traffic: " + counters.activeConnections() + " open, " + counters.totalConnections()
                + " total connections, " + ByteCount.human(counters.bytesIn()) + " in, " + ByteCount.human(counters.bytesOut())
                + " out, " + counters.reconnects() + " reconnects";
        String error = "Last error: " + Text.orDefault(state.lastError(), "-");
        String changes = "History: " + (history.isEmpty() ? "-" : history.stream()
                .map(t -> TIME.format(t.at()) + " " + t.state().status()).collect(Collectors.joining(" ← ")));
        String logs = "HTTP log: " + (row.config().httpLogsEnabled() ? "on (l or Tab shows it)" : "off (edit to enable)");
        return List.of("Target: " + where, since, pod, traffic, error, changes, logs);
    }
}
