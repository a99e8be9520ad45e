package app.kftray.ui.swt.internal;

import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * The forwards window: search box and actions on top, the forwards table, and a details
 * pane for the selected forward. Closing it only hides it; the tray brings it back.
 */
final class MainWindow {
    private static final int[] COLUMN_WIDTHS = {120, 90, 95, 150, 130, 75, 100, 100, 190};

    private final Shell shell;
    private final Text search;
    private final Table table;
    private final Text details;
    private final Label status;
    private final DesktopActions actions;
    private List<ForwardRow> shown = List.of();

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
        bar.setLayout(new GridLayout(10, false));
        search = WidgetIds.name(new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "main.search");
        search.setMessage("Filter forwards");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        search.addListener(SWT.Modify, e -> actions.refreshWindow());
        button(bar, "main.add", "Add…", () -> actions.openEditor(null));
        button(bar, "main.edit", "Edit…", () -> withSelection(actions::openEditor));
        button(bar, "main.delete", "Delete…", () -> withSelection(actions::confirmDelete));
        button(bar, "main.start", "Start", () -> withSelection(actions::start));
        button(bar, "main.stop", "Stop", () -> withSelection(actions::stop));
        button(bar, "main.startAll", "Start all", actions::startAll);
        button(bar, "main.stopAll", "Stop all", actions::stopAll);
        button(bar, "main.import", "Import…", actions::importWithDialog);
        button(bar, "main.export", "Export…", actions::exportWithDialog);

        SashForm split = new SashForm(shell, SWT.VERTICAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = WidgetIds.name(new Table(split, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL),
                "main.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < ForwardRow.COLUMNS.size(); i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(ForwardRow.COLUMNS.get(i));
            column.setWidth(COLUMN_WIDTHS[i]);
        }
        table.addListener(SWT.Selection, e -> showDetails());
        table.addListener(SWT.DefaultSelection, e -> withSelection(actions::openEditor));
        details = WidgetIds.name(new Text(split, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP),
                "main.details");
        split.setWeights(3, 2);
        status = WidgetIds.name(new Label(shell, SWT.NONE), "main.status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        shell.setSize(1120, 560);
    }

    private static void button(Composite parent, String id, String text, Runnable action) {
        Button button = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }

    private void withSelection(java.util.function.LongConsumer action) {
        Long id = selectedId();
        if (id == null) {
            setStatus("Select a forward first.");
        } else {
            action.accept(id);
        }
    }

    /** Shows and raises the window. */
    void open() {
        shell.setVisible(true);
        shell.setMinimized(false);
        shell.forceActive();
    }

    Shell shell() {
        return shell;
    }

    /** @param text one line for the status bar */
    void setStatus(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
        }
    }

    /**
     * Fills the table with the rows that match the search box, keeping the selection.
     *
     * @param rows every forward
     */
    void show(List<ForwardRow> rows) {
        if (table.isDisposed()) {
            return;
        }
        Long selected = selectedId();
        shown = rows.stream().filter(r -> r.matches(search.getText())).toList();
        table.setRedraw(false);
        try {
            table.deselectAll();
            table.setItemCount(shown.size());
            for (int i = 0; i < shown.size(); i++) {
                ForwardRow row = shown.get(i);
                TableItem item = table.getItem(i);
                item.setText(row.cells().toArray(String[]::new));
                item.setData(row.config().id());
                item.setForeground(item.getDisplay().getSystemColor(statusColor(row)));
                if (row.config().id().equals(selected)) {
                    table.setSelection(i);
                }
            }
        } finally {
            table.setRedraw(true);
        }
        if (selected != null && selectedId() == null) {
            details.setText("");
        }
    }

    private static int statusColor(ForwardRow row) {
        return switch (row.state().status()) {
            case RUNNING -> SWT.COLOR_DARK_GREEN;
            case FAILED -> SWT.COLOR_DARK_RED;
            case RECONNECTING, STARTING, DEGRADED -> SWT.COLOR_DARK_YELLOW;
            case STOPPED -> SWT.COLOR_WIDGET_FOREGROUND;
        };
    }

    /** @return the id of the selected forward, or {@code null} */
    Long selectedId() {
        int index = table.isDisposed() ? -1 : table.getSelectionIndex();
        return index < 0 ? null : (Long) table.getItem(index).getData();
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
