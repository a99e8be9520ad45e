package app.kftray.storage.internal;

import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code control_requests} table: requests queued for the process owning a forward. */
final class ControlQueue {
    /** Requests nobody took for this long are dropped (their target is gone). */
    static final long EXPIRY_MILLIS = 60_000;

    private ControlQueue() {
    }

    static void add(Connection connection, ControlRequest request, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO control_requests"
                + " (config_id, action, target_pid, target_host, requested_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, request.configId());
            insert.setString(2, request.action().name());
            insert.setLong(3, request.target().pid());
            insert.setString(4, request.target().host());
            insert.setLong(5, now);
            insert.executeUpdate();
        }
    }

    /** @return the target's requests, oldest first, removed from the queue */
    static List<ControlRequest> take(Connection connection, Owner target) throws SQLException {
        List<ControlRequest> requests = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT config_id, action FROM control_requests"
                + " WHERE target_host = ? AND target_pid = ? ORDER BY id");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM control_requests WHERE target_host = ? AND target_pid = ?")) {
            query.setString(1, target.host());
            query.setLong(2, target.pid());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    requests.add(new ControlRequest(rows.getLong(1),
                            ControlRequest.Action.valueOf(rows.getString(2)), target));
                }
            }
            if (!requests.isEmpty()) {
                delete.setString(1, target.host());
                delete.setLong(2, target.pid());
                delete.executeUpdate();
            }
        }
        return requests;
    }

    static void expire(Connection connection, long now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM control_requests WHERE requested_at < ?")) {
            delete.setLong(1, now - EXPIRY_MILLIS);
            delete.executeUpdate();
        }
    }
}
