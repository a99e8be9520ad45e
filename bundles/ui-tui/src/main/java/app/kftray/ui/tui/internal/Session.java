package app.kftray.ui.tui.internal;

import app.kftray.api.StateStore.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the screen shows, kept on the UI thread: forwards, table state, pane, messages, the open overlay. */
final class Session {
    /** What the lower pane shows. */
    enum Pane { DETAILS, LOG }

    final Forwards forwards = new Forwards();
    final TableState table = new TableState();
    final Map<Long, List<Transition>> history = new HashMap<>();
    final LogFollower log;
    Pane pane = Pane.DETAILS;
    Overlay overlay;
    private String message = "Loading forwards…";
    private boolean messageIsError;
    /** Rows drawn last, by screen line, for mouse clicks. */
    List<TableView.Line> drawnLines = List.of();
    int tableTop = 1;

    Session(LogFollower log) {
        this.log = log;
    }

    /** @return the rows the table shows now, its cursor kept on one of them */
    List<Row> visible() {
        List<Row> all = forwards.rows();
        List<Row> visible = table.visible(all);
        table.settle(visible, all);
        return visible;
    }

    /** @return the forward under the cursor */
    Optional<Row> selected() {
        return table.cursor().flatMap(forwards::row);
    }

    /** Shows a line on the status bar (an error stands out). */
    void say(String text, boolean error) {
        message = text;
        messageIsError = error;
    }

    String message() {
        return message;
    }

    boolean messageIsError() {
        return messageIsError;
    }
}
