package app.kftray.ui.swt.internal;

import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

/**
 * The tray icon's right-click menu, rebuilt each time it opens: the forwards under a heading per
 * group or context, one check item each (checked while active; choosing it toggles the forward),
 * then the global actions.
 */
final class TrayMenu {
    private final Shell owner;
    private final DesktopActions actions;
    private Menu menu;

    TrayMenu(Shell owner, DesktopActions actions) {
        this.owner = owner;
        this.actions = actions;
    }

    /**
     * @param rows     every forward
     * @param location where to open it, or {@code null} at the pointer
     */
    void show(List<ForwardRow> rows, Point location) {
        dispose();
        menu = WidgetIds.name(new Menu(owner, SWT.POP_UP), "tray.menu");
        boolean first = true;
        for (ForwardGroups.Group group : ForwardGroups.of(rows, null, false)) {
            if (!first) {
                new MenuItem(menu, SWT.SEPARATOR);
            }
            first = false;
            MenuItem heading = WidgetIds.name(new MenuItem(menu, SWT.PUSH), "tray.group." + group.label().replace(" ", ""));
            heading.setText(group.label() + "  (" + group.summary() + ")");
            heading.setEnabled(false);
            for (ForwardRow row : group.rows()) {
                MenuItem item = WidgetIds.name(new MenuItem(menu, SWT.CHECK),
                        "tray.forward." + row.config().displayName());
                item.setText("    " + row.config().displayName() + "  —  " + row.state().status());
                item.setSelection(row.state().status().isActive());
                long id = row.config().id();
                item.addListener(SWT.Selection, e -> actions.toggle(id));
            }
        }
        if (rows.isEmpty()) {
            MenuItem none = new MenuItem(menu, SWT.PUSH);
            none.setText("No forwards yet");
            none.setEnabled(false);
        }
        new MenuItem(menu, SWT.SEPARATOR);
        item("tray.open", "Open kftray", actions::openWindow);
        item("tray.startAll", "Start all", actions::startAll);
        item("tray.stopAll", "Stop all", actions::stopAll);
        new MenuItem(menu, SWT.SEPARATOR);
        item("tray.httpLogs", "Open HTTP logs folder", actions::openHttpLogsFolder);
        item("tray.import", "Import…", actions::importWithDialog);
        item("tray.export", "Export…", actions::exportWithDialog);
        new MenuItem(menu, SWT.SEPARATOR);
        item("tray.quit", "Quit kftray", actions::quit);
        if (location != null) {
            menu.setLocation(location);
        }
        menu.setVisible(true);
    }

    private void item(String id, String text, Runnable action) {
        MenuItem item = WidgetIds.name(new MenuItem(menu, SWT.PUSH), id);
        item.setText(text);
        item.addListener(SWT.Selection, e -> action.run());
    }

    /** @return the menu last opened, or {@code null} */
    Menu current() {
        return menu == null || menu.isDisposed() ? null : menu;
    }

    void dispose() {
        if (menu != null && !menu.isDisposed()) {
            menu.dispose();
        }
        menu = null;
    }
}
