package app.kftray.ui.swt.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Automation commands on trees with headings (the forwards tree): rows are the items under a
 * heading, addressed by their first cell; headings by their text.
 */
final class TreeCommands {
    private TreeCommands() {
    }

    /** @return the rows' first cells in display order, headings left out */
    static String rows(Tree tree) {
        List<String> rows = new ArrayList<>();
        for (TreeItem heading : tree.getItems()) {
            for (TreeItem item : heading.getItems()) {
                rows.add(item.getText(0));
            }
        }
        return String.join(",", rows);
    }

    /** @return the headings, each with {@code +} when expanded or {@code -} when collapsed */
    static String groups(Tree tree) {
        return String.join(",", Arrays.stream(tree.getItems())
                .map(h -> h.getText(0) + (h.getExpanded() ? "+" : "-")).toList());
    }

    /** Selects rows (or headings) by text, several separated by commas, as a user's ctrl-click does. */
    static Object select(Tree tree, String names) {
        List<TreeItem> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            chosen.add(find(tree, name));
        }
        tree.setSelection(chosen.toArray(TreeItem[]::new));
        Event event = new Event();
        event.item = chosen.get(0);
        tree.notifyListeners(SWT.Selection, event);
        return null;
    }

    /** @param rowAndColumn the row's text and the column's title, separated by a space (either may hold spaces) */
    static String cell(Tree tree, String rowAndColumn) {
        for (int space = rowAndColumn.indexOf(' '); space > 0; space = rowAndColumn.indexOf(' ', space + 1)) {
            String row = rowAndColumn.substring(0, space);
            String column = rowAndColumn.substring(space + 1);
            if (hasColumn(tree, column) && exists(tree, row)) {
                return cell(tree, row, column);
            }
        }
        throw new IllegalArgumentException("no row and column in '" + rowAndColumn + "'; rows: " + rows(tree));
    }

    private static boolean hasColumn(Tree tree, String column) {
        return Arrays.stream(tree.getColumns()).anyMatch(c -> c.getText().equals(column));
    }

    private static boolean exists(Tree tree, String row) {
        try {
            find(tree, row);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String cell(Tree tree, String row, String column) {
        TreeColumn[] columns = tree.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getText().equals(column)) {
                return find(tree, row).getText(i);
            }
        }
        throw new IllegalArgumentException("no column '" + column + "'");
    }

    /** Sets a row's (or heading's) check box as a click on it does. */
    static Object check(Tree tree, String row, boolean checked) {
        TreeItem item = find(tree, row);
        item.setChecked(checked);
        Event event = new Event();
        event.item = item;
        event.detail = SWT.CHECK;
        tree.notifyListeners(SWT.Selection, event);
        return null;
    }

    /** @return {@code true [x]} style: whether a row's check box is set */
    static String checked(Tree tree, String row) {
        TreeItem item = find(tree, row);
        return item.getChecked() + (item.getGrayed() ? " grayed" : "");
    }

    /** Expands or collapses a heading as a click on its arrow does. */
    static Object expand(Tree tree, String heading, boolean expanded) {
        TreeItem item = find(tree, heading);
        item.setExpanded(expanded);
        Event event = new Event();
        event.item = item;
        tree.notifyListeners(expanded ? SWT.Expand : SWT.Collapse, event);
        return null;
    }

    /** Clicks a column header. */
    static Object sort(Tree tree, String column) {
        for (TreeColumn c : tree.getColumns()) {
            if (c.getText().equals(column)) {
                c.notifyListeners(SWT.Selection, new Event());
                return tree.getSortDirection() == SWT.UP ? "up" : "down";
            }
        }
        throw new IllegalArgumentException("no column '" + column + "'");
    }

    private static TreeItem find(Tree tree, String text) {
        for (TreeItem heading : tree.getItems()) {
            if (heading.getText(0).equals(text)) {
                return heading;
            }
            for (TreeItem item : heading.getItems()) {
                if (item.getText(0).equals(text)) {
                    return item;
                }
            }
        }
        throw new IllegalArgumentException("no row '" + text + "'; rows: " + rows(tree) + "; groups: " + groups(tree));
    }
}
