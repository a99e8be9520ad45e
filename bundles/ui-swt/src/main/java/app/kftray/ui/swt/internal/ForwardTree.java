package app.kftray.ui.swt.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * The forwards as a tree: a collapsible heading per group or context (see {@link ForwardGroups}),
 * a row per forward whose check box starts and stops it, columns sorted by a click on their
 * header, several rows selectable at once. Refreshes update the rows in place so selection,
 * scrolling and collapsed headings survive them.
 */
final class ForwardTree {
    private static final int[] COLUMN_WIDTHS = {175, 80, 80, 120, 125, 60, 110, 80, 140};

    private final Tree tree;
    private final Set<String> collapsed = new HashSet<>();
    private List<Object> structure = List.of();
    private String sortColumn;
    private boolean descending;
    private Runnable resort = () -> { };

    /**
     * @param parent   where the tree goes
     * @param onToggle called with the forwards whose check box the user changed and the new state
     */
    ForwardTree(Composite parent, BiConsumer<List<Long>, Boolean> onToggle) {
        tree = WidgetIds.name(new Tree(parent, SWT.BORDER | SWT.CHECK | SWT.MULTI | SWT.FULL_SELECTION
                | SWT.V_SCROLL | SWT.H_SCROLL), "main.forwards");
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        Accessibility.name(tree, "Forwards");
        for (int i = 0; i < ForwardRow.COLUMNS.size(); i++) {
            TreeColumn column = new TreeColumn(tree, SWT.LEFT);
            column.setText(ForwardRow.COLUMNS.get(i));
            column.setWidth(COLUMN_WIDTHS[i]);
            column.setMoveable(true);
            column.addListener(SWT.Selection, e -> sortBy(column));
        }
        tree.addListener(SWT.Collapse, e -> collapsed.add(((TreeItem) e.item).getText(0)));
        tree.addListener(SWT.Expand, e -> collapsed.remove(((TreeItem) e.item).getText(0)));
        tree.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TreeItem item) {
                onToggle.accept(idsOf(item), item.getChecked());
            }
        });
    }

    Tree widget() {
        return tree;
    }

    /** @param action runs after the sort order changed */
    void onResort(Runnable action) {
        resort = action;
    }

    /** @return the sort column title, or {@code null} for id order */
    String sortColumn() {
        return sortColumn;
    }

    boolean descending() {
        return descending;
    }

    private void sortBy(TreeColumn column) {
        if (column.getText().equals(sortColumn)) {
            descending = !descending;
        } else {
            sortColumn = column.getText();
            descending = false;
        }
        tree.setSortColumn(column);
        tree.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        resort.run();
    }

    /** @param groups what to show, in order */
    void show(List<ForwardGroups.Group> groups) {
        if (tree.isDisposed()) {
            return;
        }
        List<Object> next = new ArrayList<>();
        groups.forEach(g -> {
            next.add(g.label());
            g.rows().forEach(r -> next.add(r.config().id()));
        });
        tree.setRedraw(false);
        try {
            if (!next.equals(structure)) {
                rebuild(groups);
                structure = next;
            }
            TreeItem[] headings = tree.getItems();
            for (int g = 0; g < groups.size(); g++) {
                fill(headings[g], groups.get(g));
            }
        } finally {
            tree.setRedraw(true);
        }
    }

    private void rebuild(List<ForwardGroups.Group> groups) {
        Set<Long> selected = new LinkedHashSet<>(selectedIds(false));
        tree.removeAll();
        for (ForwardGroups.Group group : groups) {
            TreeItem heading = new TreeItem(tree, SWT.NONE);
            heading.setText(0, group.label());
            for (ForwardRow row : group.rows()) {
                TreeItem item = new TreeItem(heading, SWT.NONE);
                item.setData(row.config().id());
                if (selected.contains(row.config().id())) {
                    tree.select(item);
                }
            }
            heading.setExpanded(!collapsed.contains(group.label()));
        }
    }

    private static void fill(TreeItem heading, ForwardGroups.Group group) {
        heading.setText(ForwardRow.COLUMNS.indexOf("State"), group.summary());
        long active = group.active();
        heading.setChecked(active > 0);
        heading.setGrayed(active > 0 && active < group.rows().size());
        TreeItem[] items = heading.getItems();
        for (int i = 0; i < items.length; i++) {
            ForwardRow row = group.rows().get(i);
            items[i].setText(row.cells().toArray(String[]::new));
            items[i].setChecked(row.state().status().isActive());
            items[i].setForeground(items[i].getDisplay().getSystemColor(statusColor(row)));
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

    /**
     * @param headingsMeanAll whether a selected heading stands for every forward under it
     * @return the selected forwards, in display order
     */
    List<Long> selectedIds(boolean headingsMeanAll) {
        Set<Long> ids = new LinkedHashSet<>();
        if (tree.isDisposed()) {
            return List.of();
        }
        for (TreeItem item : tree.getSelection()) {
            if (item.getData() instanceof Long id) {
                ids.add(id);
            } else if (headingsMeanAll) {
                ids.addAll(idsOf(item));
            }
        }
        return List.copyOf(ids);
    }

    /** @return the forward of a row, or every forward under a heading */
    private static List<Long> idsOf(TreeItem item) {
        if (item.getData() instanceof Long id) {
            return List.of(id);
        }
        List<Long> ids = new ArrayList<>();
        for (TreeItem child : item.getItems()) {
            ids.add((Long) child.getData());
        }
        return ids;
    }

    /** Expands or collapses every heading. */
    void expandAll(boolean expand) {
        for (TreeItem heading : tree.getItems()) {
            heading.setExpanded(expand);
            if (expand) {
                collapsed.remove(heading.getText(0));
            } else {
                collapsed.add(heading.getText(0));
            }
        }
    }
}
