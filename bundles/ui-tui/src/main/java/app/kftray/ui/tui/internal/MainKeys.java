package app.kftray.ui.tui.internal;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.MouseAction;
import java.nio.file.Path;
import java.util.List;

/** What the keys and the mouse do on the main screen (the bindings are listed in {@link Keys}). */
final class MainKeys {
    private static final int PAGE = 10;

    private final Session session;
    private final Actions actions;
    private final TuiServices services;

    MainKeys(Session session, Actions actions, TuiServices services) {
        this.session = session;
        this.actions = actions;
        this.services = services;
    }

    /**
     * @param key a key or mouse action
     * @return {@code false} when the user quits
     */
    boolean handle(KeyStroke key) {
        List<Row> visible = session.visible();
        switch (key.getKeyType()) {
            case ArrowUp -> session.table.move(visible, -1);
            case ArrowDown -> session.table.move(visible, 1);
            case PageUp -> session.table.move(visible, -PAGE);
            case PageDown -> session.table.move(visible, PAGE);
            case Home -> session.table.moveTo(visible, 0);
            case End -> session.table.moveTo(visible, visible.size() - 1);
            case Enter -> edit();
            case Tab -> togglePane();
            case Delete -> confirmDelete();
            case Escape -> clearFilters();
            case MouseEvent -> mouse((MouseAction) key, visible);
            case Character -> {
                return character(key, visible);
            }
            case EOF -> {
                return false;
            }
            default -> {
                // unbound
            }
        }
        return true;
    }

    private boolean character(KeyStroke key, List<Row> visible) {
        char c = key.getCharacter();
        if (key.isCtrlDown()) {
            return c != 'c';
        }
        switch (c) {
            case 'q' -> {
                return false;
            }
            case 'j' -> session.table.move(visible, 1);
            case 'k' -> session.table.move(visible, -1);
            case 'f' -> actions.toggle(session.table.targets());
            case 's' -> actions.start(session.table.targets());
            case 'x' -> actions.stop(session.table.targets());
            case ' ' -> {
                session.table.toggleMark();
                session.table.move(visible, 1);
            }
            case 'a' -> session.table.toggleMarkAll(visible);
            case 'n' -> openForm(null);
            case 'd' -> confirmDelete();
            case '/' -> search();
            case 'l' -> togglePane();
            case 'F' -> logFilter();
            case 'c' -> {
                session.table.nextContext(session.forwards.contexts());
                session.say("Context: " + (session.table.context() == null ? "all" : session.table.context()), false);
            }
            case 'i' -> importFile();
            case 'e' -> exportFile();
            case 'h', '?' -> session.overlay = new HelpOverlay();
            default -> {
                // unbound
            }
        }
        return true;
    }

    private void edit() {
        session.selected().ifPresent(row -> openForm(row));
    }

    private void openForm(Row row) {
        ForwardForm form = new ForwardForm(row == null ? null : row.config(), services.forwards().protocols());
        FormOverlay[] open = new FormOverlay[1];
        open[0] = new FormOverlay(form, (config, refused) -> actions.save(config, refused, () -> {
            if (session.overlay == open[0]) {
                session.overlay = null;
            }
        }));
        session.overlay = open[0];
    }

    private void confirmDelete() {
        List<Long> ids = session.table.targets();
        if (!ids.isEmpty()) {
            session.overlay = new ConfirmOverlay("Delete " + actions.names(ids)
                    + "? Running ones are stopped first.", () -> actions.delete(ids));
        }
    }

    private void search() {
        String before = session.table.query();
        session.overlay = new PromptOverlay("Search", before, session.table::query, text -> null,
                () -> session.table.query(""));
    }

    private void togglePane() {
        session.pane = session.pane == Session.Pane.DETAILS ? Session.Pane.LOG : Session.Pane.DETAILS;
        if (session.pane == Session.Pane.DETAILS) {
            session.log.stop();
        }
    }

    private void logFilter() {
        session.pane = Session.Pane.LOG;
        String current = "none".equals(session.log.filterText()) ? "" : session.log.filterText();
        session.overlay = new PromptOverlay("HTTP log filter (status=5xx method=GET path=/api)", current, text -> { },
                text -> {
                    try {
                        session.log.filter(text);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }, () -> { });
    }

    private void importFile() {
        session.overlay = new PromptOverlay("Import from file", "configs.json", text -> { }, text -> {
            if (text.isBlank()) {
                return "type the path of a kftray configs.json file";
            }
            actions.importFrom(resolve(text));
            return null;
        }, () -> { });
    }

    private void exportFile() {
        List<Long> marked = session.table.markedCount() > 0 ? session.table.targets() : List.of();
        String what = marked.isEmpty() ? "all forwards" : marked.size() + " marked forwards";
        session.overlay = new PromptOverlay("Export " + what + " to file", "configs.json", text -> { }, text -> {
            if (text.isBlank()) {
                return "type the path of the file to write";
            }
            actions.exportTo(resolve(text), marked);
            return null;
        }, () -> { });
    }

    private void clearFilters() {
        session.table.query("");
        session.table.clearMarks();
        session.table.nextContext(List.of());
        session.say("Search, marks and context filter cleared.", false);
    }

    private void mouse(MouseAction mouse, List<Row> visible) {
        switch (mouse.getActionType()) {
            case SCROLL_UP -> session.table.move(visible, -1);
            case SCROLL_DOWN -> session.table.move(visible, 1);
            case CLICK_DOWN -> {
                int line = mouse.getPosition().getRow() - session.tableTop - 1;
                if (line >= 0 && line < session.drawnLines.size() && !session.drawnLines.get(line).isGroup()) {
                    session.table.moveTo(visible, session.drawnLines.get(line).index());
                }
            }
            default -> {
                // moves and releases do nothing
            }
        }
    }

    /** A file name as typed: {@code ~/} is the home directory, a relative one is taken from the working directory. */
    private static Path resolve(String typed) {
        String text = typed.trim();
        if (text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(2));
        }
        return Path.of(text).toAbsolutePath();
    }
}
