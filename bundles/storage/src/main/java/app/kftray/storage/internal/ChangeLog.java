package app.kftray.storage.internal;

import app.kftray.api.model.ConfigChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL of the {@code change_log} table, through which processes learn about each other's
 * changes to definitions: readers remember the last id they saw and read only newer rows.
 */
final class ChangeLog {
    /** How long rows are kept; a reader that sleeps longer resynchronises. */
    static final long RETENTION_MILLIS = 10 * 60 * 1000L;

    /**
     * @param id     row id, increasing
     * @param change what changed
     * @param writer the store instance that wrote it
     * @param at     when, in epoch milliseconds
     */
    record Entry(long id, ConfigChange change, String writer, long at) {
    }

    private ChangeLog() {
    }

    static void append(Connection connection, List<ConfigChange> changes, String writer, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO change_log (config_id, kind, writer, at) VALUES (?, ?, ?, ?)");
             PreparedStatement prune = connection.prepareStatement("DELETE FROM change_log WHERE at < ?")) {
            for (ConfigChange change : changes) {
                insert.setLong(1, change.configId());
                insert.setString(2, change.kind().name());
                insert.setString(3, writer);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            prune.setLong(1, now - RETENTION_MILLIS);
            prune.executeUpdate();
        }
    }

    /** @return the id of the newest row ever written, 0 if none */
    static long lastId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)");
             ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /**
     * Makes the next row id larger than {@code lastId}, so that readers who saw rows up to
     * it keep working after a restore brought back an older table.
     */
    static void continueAfter(Connection connection, long lastId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'");
             PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log', ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'change_log')")) {
            update.setLong(1, lastId);
            update.executeUpdate();
            insert.setLong(1, lastId);
            insert.executeUpdate();
        }
    }

    /** @return rows newer than {@code afterId}, oldest first */
    static List<Entry> since(Connection connection, long afterId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, config_id, kind, writer, at FROM change_log WHERE id > ? ORDER BY id")) {
            query.setLong(1, afterId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ConfigChange.Kind kind = ConfigChange.Kind.valueOf(rows.getString(3));
                    entries.add(new Entry(rows.getLong(1), new ConfigChange(kind, rows.getLong(2), true),
                            rows.getString(4), rows.getLong(5)));
                }
            }
        }
        return entries;
    }
}
