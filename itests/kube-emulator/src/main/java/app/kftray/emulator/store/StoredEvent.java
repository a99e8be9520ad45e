package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** One change in the store's bounded history; {@code previous} is the object before a MODIFIED. */
record StoredEvent(long resourceVersion, String type, ResourceKind kind, String namespace, ObjectNode object,
        ObjectNode previous) {

    /**
     * The event as a watcher with this filter sees it: an object moving into the selection is ADDED,
     * one moving out is DELETED, as the real API server's watch cache does. {@code null} when not seen.
     */
    String typeFor(Predicate<? super ObjectNode> filter) {
        boolean now = filter.test(object);
        if (!"MODIFIED".equals(type)) {
            return now ? type : null;
        }
        boolean before = filter.test(previous);
        if (now && before) {
            return "MODIFIED";
        }
        if (now) {
            return "ADDED";
        }
        return before ? "DELETED" : null;
    }
}
