package app.kftray.storage.internal;

import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a restore changed, so that listeners here and in other processes hear about it. */
final class RestoreDiff {
    private RestoreDiff() {
    }

    /**
     * @param before definitions before the restore
     * @param after  definitions after it
     * @return one change per definition that appeared, changed or disappeared
     */
    static List<ConfigChange> changes(List<ForwardConfig> before, List<ForwardConfig> after) {
        Map<Long, ForwardConfig> old = before.stream().collect(Collectors.toMap(ForwardConfig::id, Function.identity()));
        Map<Long, ForwardConfig> now = after.stream().collect(Collectors.toMap(ForwardConfig::id, Function.identity()));
        List<ConfigChange> changes = new ArrayList<>();
        for (ForwardConfig config : after) {
            ForwardConfig previous = old.get(config.id());
            if (previous == null) {
                changes.add(new ConfigChange(ConfigChange.Kind.CREATED, config.id(), false));
            } else if (!previous.equals(config)) {
                changes.add(new ConfigChange(ConfigChange.Kind.UPDATED, config.id(), false));
            }
        }
        for (ForwardConfig config : before) {
            if (!now.containsKey(config.id())) {
                changes.add(new ConfigChange(ConfigChange.Kind.DELETED, config.id(), false));
            }
        }
        return changes;
    }

    /**
     * Drops the runtime rows that came with the backup: they describe processes of the
     * time it was taken. Live processes write theirs again on their next heartbeat or change.
     */
    static void forgetRuntimeState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM runtime_state");
            statement.executeUpdate("DELETE FROM control_requests");
            statement.executeUpdate("DELETE FROM processes");
        }
    }
}
