package app.kftray.storage.internal;

import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The state columns shared by {@code runtime_state} and {@code state_history}:
 * status, owner, since, bound address, pod and last error.
 */
final class StateColumns {
    /** Their names, in the order {@link #bind} sets them. */
    static final String NAMES = "status, owner_pid, owner_host, since, bound_address, pod, last_error";

    private StateColumns() {
    }

    /**
     * @param statement a statement whose parameters {@code first..first+6} are these columns
     * @param state     the state
     * @param owner     its owner
     * @param first     the index of the first parameter
     * @return the index of the next parameter
     */
    static int bind(PreparedStatement statement, ForwardState state, Owner owner, int first) throws SQLException {
        int i = first;
        statement.setString(i++, state.status().name());
        statement.setLong(i++, owner.pid());
        statement.setString(i++, owner.host());
        statement.setLong(i++, state.since().toEpochMilli());
        statement.setString(i++, state.boundAddress());
        statement.setString(i++, state.pod());
        statement.setString(i++, state.lastError());
        return i;
    }

    /** @return the state in the current row, with the given counters */
    static ForwardState read(ResultSet row, long configId, ForwardCounters counters) throws SQLException {
        return new ForwardState(configId, ForwardStatus.valueOf(row.getString("status")), owner(row),
                row.getString("pod"), row.getString("bound_address"), Instant.ofEpochMilli(row.getLong("since")),
                row.getString("last_error"), counters, false);
    }

    /** @return the owner in the current row, {@code null} if none */
    static Owner owner(ResultSet row) throws SQLException {
        String host = row.getString("owner_host");
        return host == null ? null : new Owner(row.getLong("owner_pid"), host);
    }
}
