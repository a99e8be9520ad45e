package app.kftray.ui.swt.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

/**
 * The main window's menu bar: every action of the window with its mnemonic and its keyboard
 * shortcut (shown next to it), so all of it works without a mouse.
 */
final class MainMenu {
    private final Menu bar;

    MainMenu(Shell shell, DesktopActions actions, MainWindow window) {
        bar = WidgetIds.name(new Menu(shell, SWT.BAR), "main.menu");
        shell.setMenuBar(bar);
        Menu file = cascade("&File");
        item(file, "menu.import", "&Import…", SWT.MOD1 + 'I', actions::importWithDialog);
        item(file, "menu.export", "E&xport…", SWT.MOD1 + SWT.MOD2 + 'E', actions::exportWithDialog);
        item(file, "menu.settings", "&Settings…", SWT.MOD1 + ',', actions::openSettings);
        new MenuItem(file, SWT.SEPARATOR);
        item(file, "menu.close", "&Close window", SWT.MOD1 + 'W', () -> shell.setVisible(false));
        item(file, "menu.quit", "&Quit kftray", SWT.MOD1 + 'Q', actions::quit);
        Menu forwards = cascade("Forwa&rds");
        item(forwards, "menu.add", "&Add…", SWT.MOD1 + 'N', () -> actions.openEditor(null));
        item(forwards, "menu.edit", "&Edit…", SWT.MOD1 + 'E',
                () -> window.withSelection(ids -> actions.openEditor(ids.get(0))));
        item(forwards, "menu.delete", "&Delete…", SWT.MOD1 + 'D', () -> window.withSelection(actions::confirmDelete));
        new MenuItem(forwards, SWT.SEPARATOR);
        item(forwards, "menu.start", "&Start", SWT.MOD1 + 'R', () -> window.withSelection(ids -> ids.forEach(actions::start)));
        item(forwards, "menu.stop", "St&op", SWT.MOD1 + 'T', () -> window.withSelection(ids -> ids.forEach(actions::stop)));
        item(forwards, "menu.toggle", "&Toggle start/stop", SWT.MOD1 + 'G',
                () -> window.withSelection(ids -> ids.forEach(actions::toggle)));
        item(forwards, "menu.startAll", "Start a&ll", SWT.MOD1 + SWT.MOD2 + 'R', actions::startAll);
        item(forwards, "menu.stopAll", "Sto&p all", SWT.MOD1 + SWT.MOD2 + 'T', actions::stopAll);
        new MenuItem(forwards, SWT.SEPARATOR);
        item(forwards, "menu.httpLog", "HTTP lo&g…", SWT.MOD1 + 'L',
                () -> window.withSelection(ids -> actions.openHttpLog(ids.get(0))));
        Menu view = cascade("&View");
        item(view, "menu.filter", "&Filter", SWT.MOD1 + 'F', window::focusFilter);
        item(view, "menu.expand", "&Expand all groups", SWT.MOD1 + SWT.MOD2 + 'X',
                () -> window.forwards().expandAll(true));
        item(view, "menu.collapse", "&Collapse all groups", SWT.MOD1 + SWT.MOD2 + 'C',
                () -> window.forwards().expandAll(false));
    }

    private Menu cascade(String text) {
        MenuItem header = new MenuItem(bar, SWT.CASCADE);
        header.setText(text);
        Menu menu = new Menu(bar.getShell(), SWT.DROP_DOWN);
        header.setMenu(menu);
        return menu;
    }

    private static void item(Menu menu, String id, String text, int accelerator, Runnable action) {
        MenuItem item = WidgetIds.name(new MenuItem(menu, SWT.PUSH), id);
        item.setText(text + "\t" + shortcutText(accelerator));
        item.setAccelerator(accelerator);
        item.addListener(SWT.Selection, e -> action.run());
    }

    /** @return e.g. {@code Ctrl+Shift+R} */
    static String shortcutText(int accelerator) {
        StringBuilder text = new StringBuilder();
        if ((accelerator & SWT.MOD1) != 0) {
            text.append("Ctrl+");
        }
        if ((accelerator & SWT.MOD2) != 0) {
            text.append("Shift+");
        }
        return text.append(Character.toUpperCase((char) (accelerator & SWT.KEY_MASK))).toString();
    }
}
