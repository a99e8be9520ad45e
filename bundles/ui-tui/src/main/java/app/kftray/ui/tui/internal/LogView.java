package app.kftray.ui.tui.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.ui.tui.internal.Palette.Style;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The HTTP-log pane: the newest exchanges of the selected forward, as they are written. */
final class LogView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private LogView() {
    }

    /**
     * @param canvas  where to draw
     * @param top     first row of the pane
     * @param height  rows of the pane
     * @param row     the selected forward, or {@code null}
     * @param log     what the pane follows and has received
     */
    static void draw(Canvas canvas, int top, int height, Row row, LogFollower log) {
        String title = " HTTP log" + (row == null ? "" : " of " + row.config().displayName())
                + "   filter: " + log.filterText() + "   (F: filter, Tab: details)";
        canvas.line(0, top, title, Style.HEADER);
        List<String> lines;
        Style style = Style.NORMAL;
        if (row == null) {
            lines = List.of("Select a forward to follow its HTTP log.");
        } else if (log.error() != null) {
            lines = List.of(log.error());
            style = Style.ERROR;
        } else if (log.entries().isEmpty()) {
            lines = List.of(row.config().httpLogsEnabled() ? "No requests yet; new ones appear here as they happen."
                    : "HTTP logging is off for this forward; press Enter to edit it and switch it on.");
            style = Style.HINT;
        } else {
            List<HttpExchangeRecord> entries = log.entries();
            lines = entries.subList(Math.max(0, entries.size() - (height - 1)), entries.size()).stream()
                    .map(LogView::line).toList();
        }
        for (int i = 1; i < height; i++) {
            canvas.line(1, top + i, i - 1 < lines.size() ? lines.get(i - 1) : "", style);
            canvas.put(0, top + i, "", 1, Style.NORMAL);
        }
    }

    static String line(HttpExchangeRecord entry) {
        String when = entry.end() == null ? "            " : TIME.format(entry.end());
        if (entry.kind() == HttpExchangeRecord.Kind.NOTICE) {
            return when + "  note: " + String.join("; ", entry.notes());
        }
        long millis = entry.duration() == null ? -1 : entry.duration().toMillis();
        return when + "  " + Text.fit(entry.method(), 7) + Text.fit(String.valueOf(entry.status() == 0 ? "---"
                : entry.status()), 5) + (millis < 0 ? "" : Text.fit(millis + " ms", 9)) + entry.uri();
    }
}
