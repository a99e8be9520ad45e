package app.kftray.storage.internal;

import app.kftray.api.StateStore.Transition;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code state_history} table: the newest status changes of each forward. */
final class StateHistory {
    private StateHistory() {
    }

    /** Appends a status change and drops entries beyond the newest {@code limit} of that forward. */
    static void append(Connection connection, ForwardState state, Owner owner, long at, int limit)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO state_history (config_id, "
                + StateColumns.NAMES + ", at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement trim = connection.prepareStatement("DELETE FROM state_history WHERE config_id = ?1"
                     + " AND id <= (SELECT id FROM state_history WHERE config_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)")) {
            insert.setLong(1, state.configId());
            int next = StateColumns.bind(insert, state, owner, 2);
            insert.setLong(next, at);
            insert.executeUpdate();
            trim.setLong(1, state.configId());
            trim.setInt(2, limit);
            trim.executeUpdate();
        }
    }

    /** @return up to {@code limit} entries of the forward, newest first */
    static List<Transition> newest(Connection connection, long configId, int limit) throws SQLException {
        List<Transition> transitions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + StateColumns.NAMES
                + ", at FROM state_history WHERE config_id = ? ORDER BY id DESC LIMIT ?")) {
            query.setLong(1, configId);
            query.setInt(2, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ForwardState state = StateColumns.read(row, configId, ForwardCounters.ZERO);
                    transitions.add(new Transition(configId, state, Instant.ofEpochMilli(row.getLong("at"))));
                }
            }
        }
        return transitions;
    }
}
