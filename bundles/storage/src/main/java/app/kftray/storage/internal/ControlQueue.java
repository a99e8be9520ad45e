package app.kftray.storage.internal;

import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SQL of the {@code control_requests} table: requests queued for the process owning a forward. */
final class ControlQueue {
    /** Requests nobody took for this long are dropped (their target is gone). */
    static final long EXPIRY_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(ControlQueue.class);

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

    /** @return whether any request waits for the target; a read, so a poll that finds none takes no write lock */
    static boolean any(Connection connection, Owner target) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM control_requests"
                + " WHERE target_host = ? AND target_pid = ? LIMIT 1")) {
            query.setString(1, target.host());
            query.setLong(2, target.pid());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * @return the target's requests, oldest first, removed from the queue; one with an action
     *         this version does not know (a newer kftray wrote it) is removed and skipped, so it
     *         neither comes back every poll nor holds up the others
     */
    static List<ControlRequest> take(Connection connection, Owner target) throws SQLException {
        List<ControlRequest> requests = new ArrayList<>();
        boolean any = false;
        try (PreparedStatement query = connection.prepareStatement("SELECT config_id, action FROM control_requests"
                + " WHERE target_host = ? AND target_pid = ? ORDER BY id");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM control_requests WHERE target_host = ? AND target_pid = ?")) {
            query.setString(1, target.host());
            query.setLong(2, target.pid());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    any = true;
                    long configId = rows.getLong(1);
                    String name = rows.getString(2);
                    Optional<ControlRequest.Action> action = action(name);
                    if (action.isPresent()) {
                        requests.add(new ControlRequest(configId, action.get(), target));
                    } else {
                        LOG.warn("a request for forward {} was skipped: '{}' is no action this kftray knows", configId, name);
                    }
                }
            }
            if (any) {
                delete.setString(1, target.host());
                delete.setLong(2, target.pid());
                delete.executeUpdate();
            }
        }
        return requests;
    }

    private static Optional<ControlRequest.Action> action(String name) {
        for (ControlRequest.Action action : ControlRequest.Action.values()) {
            if (action.name().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    static void expire(Connection connection, long now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM control_requests WHERE requested_at < ?")) {
            delete.setLong(1, now - EXPIRY_MILLIS);
            delete.executeUpdate();
        }
    }
}
