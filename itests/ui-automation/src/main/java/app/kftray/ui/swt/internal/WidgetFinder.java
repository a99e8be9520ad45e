package app.kftray.ui.swt.internal;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/** Finds live widgets by their {@link WidgetIds id}: every shell's controls, plus given menus. */
final class WidgetFinder {
    private WidgetFinder() {
    }

    /**
     * @param display the display
     * @param id      the id to look for
     * @param menus   pop-up menus to search too (they are not children of a shell)
     * @return the newest widget with that id
     * @throws IllegalArgumentException when none has it
     */
    static Widget find(Display display, String id, List<Menu> menus) {
        List<Widget> all = new ArrayList<>();
        List<Menu> allMenus = new ArrayList<>();
        for (Shell shell : display.getShells()) {
            collect(shell, all);
            if (shell.getMenuBar() != null) {
                allMenus.add(shell.getMenuBar());
            }
        }
        allMenus.addAll(menus);
        for (Menu menu : allMenus) {
            collect(menu, all);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            if (id.equals(WidgetIds.of(all.get(i)))) {
                return all.get(i);
            }
        }
        throw new IllegalArgumentException("no widget with id '" + id + "'");
    }

    private static void collect(Menu menu, List<Widget> into) {
        into.add(menu);
        for (MenuItem item : menu.getItems()) {
            into.add(item);
            if (item.getMenu() != null) {
                collect(item.getMenu(), into);
            }
        }
    }

    private static void collect(Control control, List<Widget> into) {
        if (control.isDisposed()) {
            return;
        }
        into.add(control);
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, into);
            }
        }
        if (control instanceof Shell shell) {
            for (Shell child : shell.getShells()) {
                collect(child, into);
            }
        }
    }
}
