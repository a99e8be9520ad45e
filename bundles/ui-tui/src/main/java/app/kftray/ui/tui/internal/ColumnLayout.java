package app.kftray.ui.tui.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The widths of the table's columns for a terminal width. Columns are kept in order of
 * importance while their minimum widths fit (at 80 columns: alias, target, local address, state,
 * connections and bytes; the details pane names the rest), and the room left widens the ones
 * whose texts vary most.
 */
final class ColumnLayout {
    private static final int SEPARATOR = 1;
    /** Per column of {@link Row#COLUMNS}: minimum and preferred widths. */
    private static final int[] MIN = {8, 9, 9, 12, 15, 5, 12, 5, 15};
    private static final int[] PREFERRED = {20, 16, 14, 28, 21, 5, 12, 7, 23};
    /** Column indexes, most important first. */
    private static final int[] PRIORITY = {0, 6, 3, 4, 8, 7, 2, 5, 1};

    private ColumnLayout() {
    }

    /**
     * @param width cells available for the columns
     * @return per column of {@link Row#COLUMNS} its width, 0 for a column left out
     */
    static int[] widths(int width) {
        int[] widths = new int[MIN.length];
        int used = 0;
        for (int column : PRIORITY) {
            if (used + MIN[column] + SEPARATOR <= width) {
                widths[column] = MIN[column];
                used += MIN[column] + SEPARATOR;
            }
        }
        int room = width - used;
        // first up to the preferred widths, in order of importance; then the target takes the rest
        for (int column : PRIORITY) {
            if (widths[column] > 0 && room > 0) {
                int grow = Math.min(room, PREFERRED[column] - widths[column]);
                widths[column] += grow;
                room -= grow;
            }
        }
        widths[3] += room;
        return widths;
    }

    /**
     * @param cells  one text per column of {@link Row#COLUMNS}
     * @param widths from {@link #widths(int)}
     * @return the cells of the kept columns with their widths, in table order
     */
    static List<Cell> cells(List<String> cells, int[] widths) {
        List<Cell> kept = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] > 0) {
                kept.add(new Cell(i, cells.get(i), widths[i]));
            }
        }
        return kept;
    }

    /** A cell to draw: its column, text and width. */
    record Cell(int column, String text, int width) {
    }

    static int separator() {
        return SEPARATOR;
    }
}
