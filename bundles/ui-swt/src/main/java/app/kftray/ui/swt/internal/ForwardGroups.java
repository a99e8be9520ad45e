package app.kftray.ui.swt.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forwards as the window and the tray menu list them: under headings (a forward's group, else its
 * context; groups first, each set by name), and within a heading in the order the user sorted by.
 */
final class ForwardGroups {
    private ForwardGroups() {
    }

    /**
     * One heading and its forwards.
     *
     * @param label the heading, see {@link ForwardRow#groupLabel()}
     * @param rows  its forwards, in display order
     */
    record Group(String label, List<ForwardRow> rows) {
        /** @return how many of its forwards hold or try to hold their socket */
        long active() {
            return rows.stream().filter(r -> r.state().status().isActive()).count();
        }

        /** @return e.g. {@code 2 of 3 running} */
        String summary() {
            return active() + " of " + rows.size() + " running";
        }
    }

    /**
     * @param rows       the forwards to list
     * @param sortColumn column to sort by within each heading, {@code null} for id order
     * @param descending whether the sort is reversed
     * @return the headings in display order, none empty
     */
    static List<Group> of(List<ForwardRow> rows, String sortColumn, boolean descending) {
        Map<String, List<ForwardRow>> byLabel = new TreeMap<>(ForwardGroups::compareLabels);
        for (ForwardRow row : rows) {
            byLabel.computeIfAbsent(row.groupLabel(), label -> new ArrayList<>()).add(row);
        }
        Comparator<ForwardRow> order = sortColumn == null
                ? Comparator.comparingLong(r -> r.config().idOrMinusOne())
                : ForwardRow.order(sortColumn).thenComparingLong(r -> r.config().idOrMinusOne());
        if (descending) {
            order = order.reversed();
        }
        Map<String, List<ForwardRow>> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, List<ForwardRow>> entry : byLabel.entrySet()) {
            List<ForwardRow> list = new ArrayList<>(entry.getValue());
            list.sort(order);
            sorted.put(entry.getKey(), list);
        }
        return sorted.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** User groups before contexts, then by name ignoring case. */
    private static int compareLabels(String a, String b) {
        boolean groupA = a.startsWith("Group: ");
        boolean groupB = b.startsWith("Group: ");
        if (groupA != groupB) {
            return groupA ? -1 : 1;
        }
        int byName = String.CASE_INSENSITIVE_ORDER.compare(a, b);
        return byName != 0 ? byName : a.compareTo(b);
    }
}
