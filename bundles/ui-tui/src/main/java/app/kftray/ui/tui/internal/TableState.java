package app.kftray.ui.tui.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the user did to the forwards table: the search, the context filter, the cursor, the marked
 * forwards and the scroll position. The visible rows are the running ones first, then the
 * stopped ones, each group in id order.
 */
final class TableState {
    private String query = "";
    private String context;
    private Long cursor;
    private final Set<Long> marked = new LinkedHashSet<>();
    private int scroll;

    /**
     * @param all every forward
     * @return those matching the search and context filter, running first
     */
    List<Row> visible(List<Row> all) {
        List<Row> running = new ArrayList<>();
        List<Row> stopped = new ArrayList<>();
        for (Row row : all) {
            if (row.matches(query) && (context == null || context.equals(Text.orDefault(row.config().context(),
                    "(current)")))) {
                (row.active() ? running : stopped).add(row);
            }
        }
        running.addAll(stopped);
        return running;
    }

    /** Keeps the cursor on a visible row and drops marks of rows that are gone. */
    void settle(List<Row> visible, List<Row> all) {
        marked.retainAll(all.stream().map(Row::id).toList());
        if (visible.isEmpty()) {
            cursor = null;
        } else if (cursor == null || visible.stream().noneMatch(r -> r.id() == cursor)) {
            cursor = visible.get(0).id();
        }
    }

    /** @return the index of the cursor's row in {@code visible}, or -1 */
    int cursorIndex(List<Row> visible) {
        for (int i = 0; i < visible.size(); i++) {
            if (cursor != null && visible.get(i).id() == cursor) {
                return i;
            }
        }
        return -1;
    }

    /** Moves the cursor by {@code delta} rows, clamped to the list. */
    void move(List<Row> visible, int delta) {
        if (visible.isEmpty()) {
            return;
        }
        int index = Math.max(0, Math.min(visible.size() - 1, cursorIndex(visible) + delta));
        cursor = visible.get(index).id();
    }

    void moveTo(List<Row> visible, int index) {
        if (index >= 0 && index < visible.size()) {
            cursor = visible.get(index).id();
        }
    }

    Optional<Long> cursor() {
        return Optional.ofNullable(cursor);
    }

    void toggleMark() {
        if (cursor != null && !marked.remove(cursor)) {
            marked.add(cursor);
        }
    }

    /** Marks every visible row, or clears the marks when all of them are marked already. */
    void toggleMarkAll(List<Row> visible) {
        List<Long> ids = visible.stream().map(Row::id).toList();
        if (!ids.isEmpty() && marked.containsAll(ids)) {
            marked.clear();
        } else {
            marked.addAll(ids);
        }
    }

    boolean isMarked(long id) {
        return marked.contains(id);
    }

    int markedCount() {
        return marked.size();
    }

    /** @return the marked forwards, or the cursor's forward when none is marked */
    List<Long> targets() {
        if (!marked.isEmpty()) {
            return List.copyOf(marked);
        }
        return cursor == null ? List.of() : List.of(cursor);
    }

    void clearMarks() {
        marked.clear();
    }

    String query() {
        return query;
    }

    void query(String text) {
        query = text == null ? "" : text;
    }

    /** @return the context shown, or {@code null} for all */
    String context() {
        return context;
    }

    /** Shows the next context of {@code contexts}, and all of them after the last. */
    void nextContext(List<String> contexts) {
        int index = context == null ? -1 : contexts.indexOf(context);
        context = index + 1 < contexts.size() ? contexts.get(index + 1) : null;
    }

    /**
     * Scrolls so the cursor's line is on screen.
     *
     * @param cursorLine the line of the cursor's row
     * @param lines      lines in all
     * @param rows       lines that fit
     * @return the first line to draw
     */
    int scroll(int cursorLine, int lines, int rows) {
        if (cursorLine < scroll) {
            scroll = cursorLine;
        } else if (cursorLine >= scroll + rows) {
            scroll = cursorLine - rows + 1;
        }
        scroll = Math.max(0, Math.min(scroll, lines - rows));
        return scroll;
    }
}
