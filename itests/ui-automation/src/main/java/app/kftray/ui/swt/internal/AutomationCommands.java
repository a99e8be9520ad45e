package app.kftray.ui.swt.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.Widget;

/**
 * The commands of the automation hook, SWTBot-style: widgets are addressed by id and
 * driven through the same events a user's input sends. Each runs on the UI thread.
 * <pre>
 * ping | window | tray-menu | notifications
 * set ID TEXT | check ID true|false | click ID | text ID | items ID | visible ID | enabled ID
 * rows TABLE | select TABLE ROW[,ROW] | cell TABLE ROW COLUMN   (ROW = first cell text)
 * column TABLE COLUMN | select-index TABLE N (-1 = last) | tab FOLDER TITLE (without the mnemonic's &)
 * groups TREE | check-row TREE ROW true|false | checked TREE ROW | expand TREE HEADING true|false | sort TREE COLUMN
 * key COMBO | bounds ID [X Y W H] | unlabelled ID | outside ID | menu-bar ID | clipboard
 * focus | tray-state | tray-icons FILE | held-back | close-shell ID | forward-id ALIAS
 * screenshot ID|screen FILE | import FILE | export FILE | restart-bundle | bundle SYMBOLIC-NAME start|stop
 * </pre>
 */
final class AutomationCommands {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final UiThread ui;
    private final Supplier<Desktop> desktop;
    private final Runnable restartBundle;

    /**
     * @param ui            the UI thread
     * @param desktop       the UI, {@code null} while it is not up
     * @param restartBundle stops and starts this bundle (off the UI thread)
     */
    AutomationCommands(UiThread ui, Supplier<Desktop> desktop, Runnable restartBundle) {
        this.ui = ui;
        this.desktop = desktop;
        this.restartBundle = restartBundle;
    }

    /**
     * @param line a command line
     * @return the reply line
     */
    String execute(String line) {
        List<String> words = Arrays.asList(line.split(" "));
        if (line.isEmpty()) {
            return "error empty command";
        }
        if (line.equals("restart-bundle")) {
            restartBundle.run();
            return "ok restarting";
        }
        if (words.get(0).equals("bundle") && words.size() == 3) {
            return startOrStop(words.get(1), words.get(2)); // not on the UI thread: stopping may wait for it
        }
        try {
            Object result = ui.call(() -> run(words.get(0), words.subList(1, words.size())), TIMEOUT);
            return result == null ? "ok" : "ok " + result;
        } catch (Exception e) {
            return "error " + e.getMessage();
        }
    }

    private Object run(String command, List<String> args) {
        Desktop d = desktop.get();
        if (d == null) {
            throw new IllegalStateException("the desktop UI is not running");
        }
        return switch (command) {
            case "ping" -> "pong";
            case "window" -> {
                d.window().open();
                yield null;
            }
            case "tray-menu" -> {
                Rectangle screen = d.display().getBounds();
                d.trayMenu().show(d.model().rows(), new Point(screen.x + screen.width - 320, screen.y + 30));
                yield null;
            }
            case "notifications" -> String.join(" | ", d.notifier().recent());
            case "set" -> set(find(d, args, 2), rest(args, 1));
            case "check" -> check(find(d, args, 2), Boolean.parseBoolean(args.get(1)));
            case "click" -> click(find(d, args, 1));
            case "text" -> text(find(d, args, 1));
            case "items" -> String.join(",", ((Combo) find(d, args, 1)).getItems());
            case "visible" -> find(d, args, 1) instanceof Control c && c.isVisible();
            case "enabled" -> find(d, args, 1) instanceof Control c && c.isEnabled();
            case "rows" -> find(d, args, 1) instanceof Tree tree ? TreeCommands.rows(tree) : rows((Table) find(d, args, 1));
            case "select" -> find(d, args, 2) instanceof Tree tree ? TreeCommands.select(tree, rest(args, 1))
                    : select((Table) find(d, args, 2), args.get(1));
            case "cell" -> find(d, args, 3) instanceof Tree tree ? TreeCommands.cell(tree, rest(args, 1))
                    : cell((Table) find(d, args, 3), args.get(1), rest(args, 2));
            case "column" -> column((Table) find(d, args, 2), rest(args, 1));
            case "select-index" -> selectIndex((Table) find(d, args, 2), Integer.parseInt(args.get(1)));
            case "tab" -> tab((TabFolder) find(d, args, 2), rest(args, 1));
            case "groups" -> TreeCommands.groups((Tree) find(d, args, 1));
            case "check-row" -> TreeCommands.check((Tree) find(d, args, 3), rest(args, 1).substring(0,
                    rest(args, 1).lastIndexOf(' ')), Boolean.parseBoolean(args.get(args.size() - 1)));
            case "checked" -> TreeCommands.checked((Tree) find(d, args, 2), rest(args, 1));
            case "expand" -> TreeCommands.expand((Tree) find(d, args, 3), rest(args, 1).substring(0,
                    rest(args, 1).lastIndexOf(' ')), Boolean.parseBoolean(args.get(args.size() - 1)));
            case "sort" -> TreeCommands.sort((Tree) find(d, args, 2), rest(args, 1));
            case "key" -> WindowCommands.key(d.display(), rest(args, 0));
            case "bounds" -> args.size() == 5 ? WindowCommands.setBounds(shell(d, args), args.subList(1, 5))
                    : WindowCommands.bounds(shell(d, args));
            case "unlabelled" -> WindowCommands.unlabelled(shell(d, args));
            case "outside" -> WindowCommands.outside(shell(d, args));
            case "menu-bar" -> WindowCommands.menuBar(shell(d, args));
            case "clipboard" -> WindowCommands.clipboard(d.display());
            case "tray-state" -> WindowCommands.trayState(d);
            case "tray-icons" -> WindowCommands.trayIcons(d, Path.of(rest(args, 0)));
            case "held-back" -> d.notifier().heldBack();
            case "focus" -> {
                Control focus = d.display().getFocusControl();
                Shell active = d.display().getActiveShell();
                yield (focus == null ? "none" : WidgetIds.of(focus) + "/" + focus.getClass().getSimpleName())
                        + " in " + (active == null ? "no active window" : active.getText());
            }
            case "close-shell" -> {
                shell(d, args).dispose();
                yield null;
            }
            case "forward-id" -> d.model().rows().stream().filter(r -> r.config().displayName().equals(rest(args, 0)))
                    .map(r -> r.config().id()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no forward '" + rest(args, 0) + "'"));
            case "screenshot" -> screenshot(d, args);
            case "import" -> {
                d.actions().transfer().importFrom(Path.of(rest(args, 0)));
                yield null;
            }
            case "export" -> {
                d.actions().transfer().exportTo(Path.of(rest(args, 0)));
                yield null;
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        };
    }

    private static Shell shell(Desktop d, List<String> args) {
        return ((Control) find(d, args, 1)).getShell();
    }

    private static String column(Table table, String column) {
        TableColumn[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getText().equals(column)) {
                int index = i;
                return String.join(",", Arrays.stream(table.getItems()).map(item -> item.getText(index)).toList());
            }
        }
        throw new IllegalArgumentException("no column '" + column + "'");
    }

    /** Starts or stops another bundle of the runtime, e.g. to see how the UI copes without an optional service. */
    private static String startOrStop(String symbolicName, String action) {
        org.osgi.framework.BundleContext context =
                org.osgi.framework.FrameworkUtil.getBundle(AutomationCommands.class).getBundleContext();
        for (org.osgi.framework.Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                try {
                    if (action.equals("stop")) {
                        bundle.stop();
                    } else if (action.equals("start")) {
                        bundle.start();
                    } else {
                        return "error start or stop, not '" + action + "'";
                    }
                    return "ok " + bundle.getState();
                } catch (org.osgi.framework.BundleException e) {
                    return "error " + e.getMessage();
                }
            }
        }
        return "error no bundle '" + symbolicName + "'";
    }

    private static Object tab(TabFolder folder, String title) {
        for (TabItem item : folder.getItems()) {
            if (item.getText().replace("&", "").equals(title)) {
                folder.setSelection(item);
                folder.notifyListeners(SWT.Selection, new Event());
                return null;
            }
        }
        throw new IllegalArgumentException("no tab '" + title + "'");
    }

    private static Object selectIndex(Table table, int index) {
        int count = table.getItemCount();
        int chosen = index < 0 ? count + index : index;
        if (chosen < 0 || chosen >= count) {
            throw new IllegalArgumentException("no row " + index + " of " + count);
        }
        table.setSelection(chosen);
        table.showSelection();
        table.notifyListeners(SWT.Selection, new Event());
        return null;
    }

    private static Widget find(Desktop d, List<String> args, int arity) {
        if (args.size() < arity) {
            throw new IllegalArgumentException("expected " + arity + " argument(s), got " + args);
        }
        List<Menu> menus = new ArrayList<>();
        if (d.currentTrayMenu() != null) {
            menus.add(d.currentTrayMenu());
        }
        return WidgetFinder.find(d.display(), args.get(0), menus);
    }

    private static String rest(List<String> args, int from) {
        if (args.size() <= from) {
            throw new IllegalArgumentException("missing argument");
        }
        return String.join(" ", args.subList(from, args.size()));
    }

    private static Object set(Widget widget, String value) {
        String text = value.equals("\"\"") ? "" : value;
        if (widget instanceof Text t) {
            t.setText(text);
        } else if (widget instanceof Combo c) {
            c.setText(text);
        } else {
            throw new IllegalArgumentException(widget + " takes no text");
        }
        return null;
    }

    private static Object check(Widget widget, boolean selected) {
        ((Button) widget).setSelection(selected);
        widget.notifyListeners(SWT.Selection, new Event());
        return null;
    }

    private static Object click(Widget widget) {
        if (widget instanceof MenuItem item && (item.getStyle() & SWT.CHECK) != 0) {
            item.setSelection(!item.getSelection());
        }
        if (!(widget instanceof Button) && !(widget instanceof MenuItem)) {
            throw new IllegalArgumentException(widget + " cannot be clicked");
        }
        widget.notifyListeners(SWT.Selection, new Event());
        if (widget instanceof MenuItem item && !item.isDisposed()) {
            item.getParent().setVisible(false);
        }
        return null;
    }

    private static String text(Widget widget) {
        if (widget instanceof Text t) {
            return t.getText();
        }
        if (widget instanceof Combo c) {
            return c.getText();
        }
        if (widget instanceof Label l) {
            return l.getText();
        }
        if (widget instanceof Button b) {
            return b.getText() + (b.getSelection() ? " [x]" : "");
        }
        if (widget instanceof MenuItem m) {
            return m.getText() + (m.getSelection() ? " [x]" : "");
        }
        if (widget instanceof Shell s) {
            return s.getText();
        }
        throw new IllegalArgumentException(widget + " has no text");
    }

    private static String rows(Table table) {
        return String.join(",", Arrays.stream(table.getItems()).map(i -> i.getText(0)).toList());
    }

    private static Object select(Table table, String row) {
        table.setSelection(indexOf(table, row));
        table.notifyListeners(SWT.Selection, new Event());
        return null;
    }

    private static String cell(Table table, String row, String column) {
        TableColumn[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getText().equals(column)) {
                return table.getItem(indexOf(table, row)).getText(i);
            }
        }
        throw new IllegalArgumentException("no column '" + column + "'");
    }

    private static int indexOf(Table table, String row) {
        TableItem[] items = table.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].getText(0).equals(row)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no row '" + row + "'; rows: " + rows(table));
    }

    private static Object screenshot(Desktop d, List<String> args) {
        Path file = Path.of(rest(args, 1));
        Shell shell = args.get(0).equals("screen") ? null : ((Control) find(d, args, 2)).getShell();
        Rectangle area = shell == null ? d.display().getBounds() : d.display().map(shell, null, shell.getClientArea());
        try {
            Screenshots.capture(d.display(), area, file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
