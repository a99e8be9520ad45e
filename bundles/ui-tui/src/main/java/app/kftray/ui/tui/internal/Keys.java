package app.kftray.ui.tui.internal;

import java.util.List;

/**
 * Every key of the main screen with what it does, in one place: the footer shows the first
 * ones, the help overlay all of them. The bindings follow kftui where it has one.
 */
final class Keys {
    /** One key and its action. */
    record Binding(String key, String action) {
    }

    /** What the main screen answers to. */
    static final List<Binding> MAIN = List.of(
            new Binding("h", "help"),
            new Binding("q", "quit"),
            new Binding("f", "start/stop"),
            new Binding("n", "new"),
            new Binding("Enter", "edit"),
            new Binding("d", "delete"),
            new Binding("/", "search"),
            new Binding("Space", "mark"),
            new Binding("a", "mark all"),
            new Binding("s", "start"),
            new Binding("x", "stop"),
            new Binding("l", "HTTP log"),
            new Binding("c", "context"),
            new Binding("i", "import"),
            new Binding("e", "export"));

    /** The rest, listed in the help overlay only. */
    static final List<Binding> MORE = List.of(
            new Binding("↑ ↓ j k", "move the cursor"),
            new Binding("PgUp PgDn", "move a page"),
            new Binding("Home End", "first / last forward"),
            new Binding("Tab", "switch details / HTTP log"),
            new Binding("F", "HTTP log filter (status=5xx method=GET path=/api)"),
            new Binding("Esc", "clear search, marks and filters"),
            new Binding("?", "help"),
            new Binding("Ctrl+C", "quit (forwards of this process stop)"),
            new Binding("mouse", "click a row to select it, wheel to scroll"));

    /** What the add/edit form answers to. */
    static final List<Binding> FORM = List.of(
            new Binding("Tab ↓", "next field"),
            new Binding("Shift+Tab ↑", "previous field"),
            new Binding("Space ← →", "toggle / choose"),
            new Binding("Enter", "save"),
            new Binding("Esc", "cancel"));

    private Keys() {
    }
}
