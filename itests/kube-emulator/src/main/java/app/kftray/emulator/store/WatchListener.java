package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the events of one watch, already filtered and translated for its selectors. */
@FunctionalInterface
public interface WatchListener {
    /**
     * Called with the store's lock held, in resource-version order: hand the event off, never block.
     *
     * @param type ADDED, MODIFIED or DELETED
     */
    void onEvent(String type, ObjectNode object);
}
