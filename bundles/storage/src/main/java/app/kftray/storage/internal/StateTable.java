package app.kftray.storage.internal;

import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code runtime_state} table: one row per forward that has run. */
final class StateTable {
    private static final String SELECT = "SELECT config_id, " + StateColumns.NAMES + ", heartbeat,"
            + " active_connections, total_connections, bytes_in, bytes_out, reconnects FROM runtime_state";

    /**
     * @param state     the state as written by its owner
     * @param heartbeat the owner's last heartbeat for it, in epoch milliseconds
     */
    record Row(ForwardState state, long heartbeat) {
    }

    private StateTable() {
    }

    static Optional<Row> get(Connection connection, long configId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE config_id = ?")) {
            query.setLong(1, configId);
            return readAll(query).stream().findFirst();
        }
    }

    static List<Row> list(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT + " ORDER BY config_id")) {
            return readAll(query);
        }
    }

    /** @return whether a definition with this id exists, so a state row may refer to it */
    static boolean hasConfig(Connection connection, long configId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM configs WHERE id = ?")) {
            query.setLong(1, configId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    static void put(Connection connection, ForwardState state, Owner owner, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO runtime_state"
                + " (config_id, " + StateColumns.NAMES + ", heartbeat, active_connections, total_connections,"
                + " bytes_in, bytes_out, reconnects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            upsert.setLong(1, state.configId());
            int i = StateColumns.bind(upsert, state, owner, 2);
            upsert.setLong(i++, now);
            ForwardCounters counters = state.counters();
            upsert.setLong(i++, counters.activeConnections());
            upsert.setLong(i++, counters.totalConnections());
            upsert.setLong(i++, counters.bytesIn());
            upsert.setLong(i++, counters.bytesOut());
            upsert.setLong(i, counters.reconnects());
            upsert.executeUpdate();
        }
    }

    /** Refreshes the heartbeat of every row the owner holds. */
    static void heartbeat(Connection connection, Owner owner, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runtime_state SET heartbeat = ? WHERE owner_host = ? AND owner_pid = ?")) {
            update.setLong(1, now);
            update.setString(2, owner.host());
            update.setLong(3, owner.pid());
            update.executeUpdate();
        }
    }

    /** @return the owner's rows that still claim to hold a socket */
    static List<Row> active(Connection connection, Owner owner) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT
                + " WHERE owner_host = ? AND owner_pid = ? AND status IN ('STARTING', 'RUNNING', 'RECONNECTING')")) {
            query.setString(1, owner.host());
            query.setLong(2, owner.pid());
            return readAll(query);
        }
    }

    private static List<Row> readAll(PreparedStatement query) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                ForwardCounters counters = new ForwardCounters(row.getLong("active_connections"),
                        row.getLong("total_connections"), row.getLong("bytes_in"), row.getLong("bytes_out"),
                        row.getLong("reconnects"));
                rows.add(new Row(StateColumns.read(row, row.getLong("config_id"), counters), row.getLong("heartbeat")));
            }
        }
        return rows;
    }
}
