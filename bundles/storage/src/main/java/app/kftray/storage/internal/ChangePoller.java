package app.kftray.storage.internal;

import app.kftray.api.StorageException;
import app.kftray.api.model.ConfigChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices writes of other processes: {@code PRAGMA data_version} changes only when another
 * connection committed, so most polls cost one pragma; then only the new change-log rows
 * are read, and those written by other store instances are published as external (rows
 * of this store instance were announced when they were written).
 */
final class ChangePoller {
    private static final Logger LOG = LoggerFactory.getLogger(ChangePoller.class);

    private final Database database;
    private final String writer;
    private final ChangeNotifier notifier;
    private final Runnable definitionsChanged;
    private final CommitWatch commits = new CommitWatch();
    private long lastSeen;

    /**
     * @param database a connection of its own to the store's database
     * @param writer   the store instance's own writer name, whose rows are skipped
     * @param notifier where external changes go
     * @param definitionsChanged told when new change-log rows were found, whoever wrote them
     */
    ChangePoller(Database database, String writer, ChangeNotifier notifier, Runnable definitionsChanged) {
        this.database = database;
        this.writer = writer;
        this.notifier = notifier;
        this.definitionsChanged = definitionsChanged;
        this.lastSeen = database.read("reading the change log", ChangeLog::lastId);
    }

    /** Checks once; safe to call from a timer. */
    void poll() {
        try {
            notifier.publish(database.read("reading changes of other processes", this::newChanges));
        } catch (StorageException e) {
            LOG.warn("Could not read changes of other kftray processes: {}", e.getMessage());
        }
    }

    private List<ConfigChange> newChanges(Connection connection) throws SQLException {
        if (!commits.changed(connection)) {
            return List.of();
        }
        List<ChangeLog.Entry> entries = ChangeLog.since(connection, lastSeen);
        if (entries.isEmpty()) {
            return List.of();
        }
        definitionsChanged.run();
        boolean missedSome = entries.get(0).id() > lastSeen + 1 && lastSeen > 0;
        lastSeen = entries.get(entries.size() - 1).id();
        if (missedSome) {
            LOG.info("Change log rows expired before they were read; announcing every definition as updated");
            return everyDefinitionUpdated(connection);
        }
        List<ConfigChange> external = new ArrayList<>();
        for (ChangeLog.Entry entry : entries) {
            if (!entry.writer().equals(writer)) {
                external.add(entry.change());
            }
        }
        return external;
    }

    private static List<ConfigChange> everyDefinitionUpdated(Connection connection) throws SQLException {
        List<ConfigChange> changes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM configs ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                changes.add(new ConfigChange(ConfigChange.Kind.UPDATED, rows.getLong(1), true));
            }
        }
        return changes;
    }
}
