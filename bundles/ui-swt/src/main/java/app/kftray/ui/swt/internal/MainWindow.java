package app.kftray.ui.swt.internal;

import java.util.List;
import java.util.function.Consumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The forwards window: menu bar, filter box and actions on top, the grouped forwards tree, and a
 * details pane for the selected forward. Every action has a mnemonic and a keyboard shortcut.
 * Closing it only hides it; the tray brings it back. Its size and place are remembered.
 */
final class MainWindow {
    private static final int SAVE_DELAY_MILLIS = 500;

    private final Shell shell;
    private final Text search;
    private final ForwardTree forwards;
    private final Text details;
    private final Label status;
    private final DesktopActions actions;
    private Consumer<Rectangle> boundsListener = bounds -> { };
    private boolean saveScheduled;

    MainWindow(Display display, DesktopActions actions) {
        this.actions = actions;
        shell = WidgetIds.name(new Shell(display, SWT.SHELL_TRIM), "main.window");
        shell.setText("kftray — port forwards");
        shell.setLayout(new GridLayout(1, false));
        shell.addListener(SWT.Close, e -> {
            e.doit = false;
            shell.setVisible(false);
        });

        Composite bar = new Composite(shell, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(9, false));
        new Label(bar, SWT.NONE).setText("Fil&ter:");
        search = WidgetIds.name(new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "main.search");
        search.setMessage("alias, context, namespace, target…");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        search.addListener(SWT.Modify, e -> actions.refreshWindow());
        button(bar, "main.add", "&Add…", () -> actions.openEditor(null));
        button(bar, "main.edit", "&Edit…", () -> withSelection(ids -> actions.openEditor(ids.get(0))));
        button(bar, "main.delete", "&Delete…", () -> withSelection(actions::confirmDelete));
        button(bar, "main.start", "&Start", () -> withSelection(ids -> ids.forEach(actions::start)));
        button(bar, "main.stop", "St&op", () -> withSelection(ids -> ids.forEach(actions::stop)));
        button(bar, "main.httpLog", "HTTP &log…", () -> withSelection(ids -> actions.openHttpLog(ids.get(0))));
        button(bar, "main.settings", "Settin&gs…", actions::openSettings);

        SashForm split = new SashForm(shell, SWT.VERTICAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        forwards = new ForwardTree(split, (ids, on) -> ids.forEach(on ? actions::start : actions::stop));
        forwards.onResort(actions::refreshWindow);
        forwards.widget().addListener(SWT.Selection, e -> {
            if (e.detail != SWT.CHECK) {
                showDetails();
            }
        });
        forwards.widget().addListener(SWT.DefaultSelection, e -> withSelection(ids -> actions.openEditor(ids.get(0))));
        forwards.widget().addListener(SWT.KeyDown, e -> {
            if (e.character == SWT.DEL) {
                withSelection(actions::confirmDelete);
                e.doit = false;
            } else if (e.character == ' ') {
                withSelection(ids -> ids.forEach(actions::toggle));
                e.doit = false;
            }
        });
        details = WidgetIds.name(new Text(split, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP),
                "main.details");
        Accessibility.name(details, "Details of the selected forward");
        split.setWeights(3, 2);
        status = WidgetIds.name(new Label(shell, SWT.NONE), "main.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new MainMenu(shell, actions, this);
        shell.setSize(1000, 560);
        shell.addListener(SWT.Move, e -> scheduleSave());
        shell.addListener(SWT.Resize, e -> scheduleSave());
    }

    private static void button(Composite parent, String id, String text, Runnable action) {
        Button button = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }

    /** Runs an action on the selected forwards (a selected heading stands for its forwards). */
    void withSelection(Consumer<List<Long>> action) {
        List<Long> ids = forwards.selectedIds(true);
        if (ids.isEmpty()) {
            setStatus("Select a forward first.");
        } else {
            action.accept(ids);
        }
    }

    /** Shows and raises the window. */
    void open() {
        shell.setVisible(true);
        shell.setMinimized(false);
        shell.forceActive();
        forwards.widget().setFocus(); // keyboard users land in the list
    }

    Shell shell() {
        return shell;
    }

    ForwardTree forwards() {
        return forwards;
    }

    /** Puts the keyboard focus into the filter box. */
    void focusFilter() {
        search.setFocus();
        search.selectAll();
    }

    /** @param text one line for the status bar */
    void setStatus(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
        }
    }

    /**
     * @param listener receives the window's bounds a moment after the user moved or resized it
     */
    void onBoundsChanged(Consumer<Rectangle> listener) {
        boundsListener = listener;
    }

    /** @param bounds where the window was last time */
    void restore(Rectangle bounds) {
        if (!shell.isDisposed()) {
            shell.setBounds(bounds);
        }
    }

    private void scheduleSave() {
        if (saveScheduled || shell.isDisposed()) {
            return;
        }
        saveScheduled = true;
        shell.getDisplay().timerExec(SAVE_DELAY_MILLIS, () -> {
            saveScheduled = false;
            if (!shell.isDisposed() && !shell.getMinimized() && !shell.getMaximized()) {
                boundsListener.accept(shell.getBounds());
            }
        });
    }

    /**
     * Fills the tree with the forwards that match the filter, grouped and sorted, keeping the selection.
     *
     * @param rows every forward
     */
    void show(List<ForwardRow> rows) {
        if (search.isDisposed()) {
            return;
        }
        List<ForwardRow> matching = rows.stream().filter(r -> r.matches(search.getText())).toList();
        boolean hadSelection = selectedId() != null;
        forwards.show(ForwardGroups.of(matching, forwards.sortColumn(), forwards.descending()));
        if (hadSelection && selectedId() == null) {
            details.setText("");
        }
    }

    /** @return the id of the first selected forward, or {@code null} */
    Long selectedId() {
        List<Long> ids = forwards.selectedIds(false);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Reloads the details pane for the current selection. */
    void showDetails() {
        Long id = selectedId();
        if (id != null) {
            actions.loadDetails(id, text -> {
                if (!details.isDisposed() && id.equals(selectedId())) {
                    details.setText(text);
                }
            });
        }
    }

    void dispose() {
        if (!shell.isDisposed()) {
            shell.dispose();
        }
    }
}
