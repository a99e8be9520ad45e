package app.kftray.storage.internal;

import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/** SQL of the {@code processes} table: the heartbeat of every process using the database. */
final class ProcessTable {
    /** Rows of processes silent for this long are removed. */
    static final long FORGET_AFTER_MILLIS = 24L * 60 * 60 * 1000;

    private ProcessTable() {
    }

    static void beat(Connection connection, Owner owner, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO processes (pid, host, heartbeat,"
                + " started_at) VALUES (?, ?, ?, ?) ON CONFLICT (host, pid) DO UPDATE SET heartbeat = excluded.heartbeat");
             PreparedStatement forget = connection.prepareStatement("DELETE FROM processes WHERE heartbeat < ?")) {
            upsert.setLong(1, owner.pid());
            upsert.setString(2, owner.host());
            upsert.setLong(3, now);
            upsert.setLong(4, now);
            upsert.executeUpdate();
            forget.setLong(1, now - FORGET_AFTER_MILLIS);
            forget.executeUpdate();
        }
    }

    /** @return the owner's last heartbeat in epoch milliseconds, if it ever beat */
    static OptionalLong lastBeat(Connection connection, Owner owner) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT heartbeat FROM processes WHERE host = ? AND pid = ?")) {
            query.setString(1, owner.host());
            query.setLong(2, owner.pid());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static void remove(Connection connection, Owner owner) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM processes WHERE host = ? AND pid = ?")) {
            delete.setString(1, owner.host());
            delete.setLong(2, owner.pid());
            delete.executeUpdate();
        }
    }
}
