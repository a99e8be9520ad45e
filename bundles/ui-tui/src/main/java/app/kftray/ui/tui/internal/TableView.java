package app.kftray.ui.tui.internal;

import app.kftray.ui.tui.internal.Palette.Style;
import java.util.List;

/**
 * Draws the forwards table: a header, then the running forwards under a "Running" line and the
 * stopped ones under a "Stopped" line, the cursor's row highlighted and marked rows starred.
 */
final class TableView {
    private static final int MARK = 2;
    private static final int STATE_COLUMN = Row.COLUMNS.indexOf("State");

    private TableView() {
    }

    /** A drawn line of the table: a group title, or the forward at an index of the visible list. */
    record Line(String group, int index) {
        boolean isGroup() {
            return group != null;
        }
    }

    /**
     * @param visible rows as {@link TableState#visible} ordered them
     * @return group titles and rows in drawing order
     */
    static List<Line> lines(List<Row> visible) {
        long running = visible.stream().filter(Row::active).count();
        java.util.ArrayList<Line> lines = new java.util.ArrayList<>(visible.size() + 2);
        if (running > 0) {
            lines.add(new Line("Running (" + running + ")", -1));
        }
        for (int i = 0; i < visible.size(); i++) {
            if (i == running) {
                lines.add(new Line("Stopped (" + (visible.size() - running) + ")", -1));
            }
            lines.add(new Line(null, i));
        }
        return lines;
    }

    /**
     * @param canvas where to draw
     * @param top    first row of the table (its header)
     * @param height rows for the table, header included
     * @param visible the rows to show
     * @param state  cursor, marks and scroll
     * @return the drawn lines by screen row (for mouse clicks), index 0 = {@code top + 1}
     */
    static List<Line> draw(Canvas canvas, int top, int height, List<Row> visible, TableState state) {
        int[] widths = ColumnLayout.widths(canvas.width() - MARK);
        drawHeader(canvas, top, widths);
        List<Line> lines = lines(visible);
        int body = height - 1;
        int first = state.scroll(cursorLine(lines, state.cursorIndex(visible)), lines.size(), body);
        List<Line> shown = lines.subList(Math.min(first, lines.size()), Math.min(lines.size(), first + body));
        for (int i = 0; i < body; i++) {
            int y = top + 1 + i;
            if (i >= shown.size()) {
                canvas.line(0, y, "", Style.NORMAL);
            } else if (shown.get(i).isGroup()) {
                canvas.line(0, y, "── " + shown.get(i).group() + " ", Style.GROUP);
            } else {
                Row row = visible.get(shown.get(i).index());
                drawRow(canvas, y, row, widths, state.isMarked(row.id()), shown.get(i).index() == state.cursorIndex(visible));
            }
        }
        if (visible.isEmpty()) {
            canvas.line(2, top + 1, state.query().isEmpty() && state.context() == null
                    ? "No forwards yet: press n to add one, or i to import a configs.json file."
                    : "No forward matches; press Esc to clear the search and filters.", Style.HINT);
        }
        return shown;
    }

    private static void drawHeader(Canvas canvas, int y, int[] widths) {
        int x = canvas.word(0, y, " ".repeat(MARK), Style.HEADER);
        for (ColumnLayout.Cell cell : ColumnLayout.cells(Row.COLUMNS, widths)) {
            canvas.put(x, y, cell.text(), cell.width(), Style.HEADER);
            canvas.put(x + cell.width(), y, "", ColumnLayout.separator(), Style.HEADER);
            x += cell.width() + ColumnLayout.separator();
        }
        canvas.line(x, y, "", Style.HEADER);
    }

    private static void drawRow(Canvas canvas, int y, Row row, int[] widths, boolean marked, boolean cursor) {
        Style base = cursor ? Style.SELECTED : Style.NORMAL;
        int x = canvas.word(0, y, marked ? "* " : "  ", cursor ? Style.SELECTED : Style.KEY);
        for (ColumnLayout.Cell cell : ColumnLayout.cells(row.cells(), widths)) {
            Style style = cell.column() == STATE_COLUMN && !cursor ? Palette.of(row.state().status()) : base;
            canvas.put(x, y, cell.text(), cell.width(), style);
            canvas.put(x + cell.width(), y, "", ColumnLayout.separator(), base);
            x += cell.width() + ColumnLayout.separator();
        }
        canvas.line(x, y, "", base);
    }

    private static int cursorLine(List<Line> lines, int cursorIndex) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isGroup() && lines.get(i).index() == cursorIndex) {
                return i;
            }
        }
        return 0;
    }

}
