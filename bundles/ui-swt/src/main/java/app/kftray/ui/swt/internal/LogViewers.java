package app.kftray.ui.swt.internal;

import java.util.HashMap;
import java.util.Map;

/** The open HTTP log viewers, one per forward: opening a forward's log again raises its window. */
final class LogViewers {
    private final Desktop desktop;
    private final UiServices services;
    private final Map<Long, HttpLogViewer> open = new HashMap<>();

    LogViewers(Desktop desktop, UiServices services) {
        this.desktop = desktop;
        this.services = services;
    }

    /** @param row the forward whose log to show */
    void open(ForwardRow row) {
        long id = row.config().id();
        HttpLogViewer viewer = open.get(id);
        if (viewer != null && !viewer.shell().isDisposed()) {
            viewer.shell().setVisible(true);
            viewer.shell().forceActive();
            return;
        }
        viewer = new HttpLogViewer(desktop, services, row, () -> open.remove(id));
        open.put(id, viewer);
        viewer.open();
    }

    /** Closes every viewer. */
    void close() {
        new java.util.ArrayList<>(open.values()).forEach(v -> v.shell().dispose());
    }
}
