package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import java.util.List;

/**
 * Draws the whole screen from the {@link Session}: a title line, the forwards table, the details
 * or HTTP-log pane, the status line and the keys; then the open overlay. Below 80×24 it says so
 * instead of drawing a broken layout.
 */
final class MainScreen {
    static final int MIN_COLUMNS = 80;
    static final int MIN_ROWS = 24;
    private static final int PANE_MIN = 8;

    private MainScreen() {
    }

    static void draw(Canvas canvas, Session session) {
        if (canvas.width() < MIN_COLUMNS || canvas.height() < MIN_ROWS) {
            drawTooSmall(canvas);
            return;
        }
        List<Row> visible = session.visible();
        int paneHeight = Math.max(PANE_MIN, canvas.height() / 3);
        int tableHeight = canvas.height() - 1 - paneHeight - 2;
        drawTitle(canvas, session, visible);
        session.tableTop = 1;
        session.drawnLines = TableView.draw(canvas, 1, tableHeight, visible, session.table);
        int paneTop = 1 + tableHeight;
        Row selected = session.selected().orElse(null);
        if (session.pane == Session.Pane.LOG) {
            LogView.draw(canvas, paneTop, paneHeight, selected, session.log);
        } else {
            DetailsView.draw(canvas, paneTop, paneHeight, selected,
                    selected == null ? List.of() : session.history.getOrDefault(selected.id(), List.of()));
        }
        canvas.line(0, canvas.height() - 2, " " + session.message(), session.messageIsError() ? Style.ERROR : Style.HINT);
        drawKeys(canvas, canvas.height() - 1);
        if (session.overlay != null) {
            session.overlay.draw(canvas);
        }
    }

    private static void drawTitle(Canvas canvas, Session session, List<Row> visible) {
        long running = visible.stream().filter(Row::active).count();
        StringBuilder title = new StringBuilder(" kftray tui   ").append(running).append(" running, ")
                .append(visible.size() - running).append(" stopped");
        if (visible.size() != session.forwards.size()) {
            title.append(" (of ").append(session.forwards.size()).append(')');
        }
        title.append("   context: ").append(session.table.context() == null ? "all" : session.table.context());
        if (!session.table.query().isEmpty()) {
            title.append("   search: ").append(session.table.query());
        }
        if (session.table.markedCount() > 0) {
            title.append("   marked: ").append(session.table.markedCount());
        }
        canvas.line(0, 0, title.toString(), Style.TITLE);
    }

    private static void drawKeys(Canvas canvas, int y) {
        int x = 0;
        for (Keys.Binding binding : Keys.MAIN) {
            String action = " " + binding.action() + "  ";
            if (x + binding.key().length() + action.length() > canvas.width()) {
                break;
            }
            x = canvas.word(x, y, binding.key(), Style.KEY);
            x = canvas.word(x, y, action, Style.HINT);
        }
        canvas.line(x, y, "", Style.HINT);
    }

    private static void drawTooSmall(Canvas canvas) {
        canvas.clear(0, 0, canvas.width(), canvas.height(), Style.NORMAL);
        List<String> lines = List.of("kftray tui needs a terminal of at least " + MIN_COLUMNS + "x" + MIN_ROWS + ";",
                "this one is " + canvas.width() + "x" + canvas.height() + ".",
                "Enlarge the window, or press q to quit.");
        int top = Math.max(0, canvas.height() / 2 - 1);
        for (int i = 0; i < lines.size(); i++) {
            canvas.line(1, top + i, lines.get(i), i == 0 ? Style.ERROR : Style.NORMAL);
        }
    }
}
