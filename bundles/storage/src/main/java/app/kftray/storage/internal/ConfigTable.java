package app.kftray.storage.internal;

import app.kftray.api.ConfigStore.ConfigFilter;
import app.kftray.api.StorageException;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code configs} table: one row per forward definition. */
final class ConfigTable {
    private static final String COLUMNS = "alias, context, kubeconfig, namespace, workload_type, service, target,"
            + " remote_port, local_port, local_address, auto_loopback_address, protocol, remote_address,"
            + " domain_enabled, http_logs_enabled, auto_start, kftray_extra, config_group";
    private static final String SELECT = "SELECT id, " + COLUMNS + " FROM configs";

    private final ObjectMapper mapper;

    ConfigTable(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<StoredConfig> list(Connection connection, ConfigFilter filter) throws SQLException {
        ConfigFilter f = filter == null ? new ConfigFilter(null, null, null) : filter;
        try (PreparedStatement query = connection.prepareStatement(SELECT
                + " WHERE (?1 IS NULL OR context = ?1) AND (?2 IS NULL OR namespace = ?2) AND (?3 IS NULL OR alias = ?3)"
                + " ORDER BY id")) {
            query.setString(1, f.context());
            query.setString(2, f.namespace());
            query.setString(3, f.alias());
            return readAll(query);
        }
    }

    Optional<StoredConfig> get(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            query.setLong(1, id);
            return readAll(query).stream().findFirst();
        }
    }

    /**
     * @param connection the connection
     * @param config     a definition with an alias
     * @return another definition using the same alias in the same context and namespace
     */
    Optional<ForwardConfig> aliasHolder(Connection connection, ForwardConfig config) throws SQLException {
        if (config.alias() == null) {
            return Optional.empty();
        }
        try (PreparedStatement query = connection.prepareStatement(SELECT
                + " WHERE ifnull(context, '') = ifnull(?, '') AND namespace = ? AND alias = ? AND id IS NOT ?")) {
            query.setString(1, config.context());
            query.setString(2, config.namespace());
            query.setString(3, config.alias());
            query.setObject(4, config.id());
            return readAll(query).stream().map(StoredConfig::config).findFirst();
        }
    }

    /** @return the new id */
    long insert(Connection connection, StoredConfig stored, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO configs (" + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int next = bind(insert, stored);
            insert.setLong(next, now);
            insert.setLong(next + 1, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void update(Connection connection, StoredConfig stored, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE configs SET (" + COLUMNS
                + ", updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
            int next = bind(update, stored);
            update.setLong(next, now);
            update.setLong(next + 1, stored.id());
            update.executeUpdate();
        }
    }

    boolean delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM configs WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        }
    }

    /** @return the index of the next parameter */
    private int bind(PreparedStatement statement, StoredConfig stored) throws SQLException {
        ForwardConfig c = stored.config();
        int i = 1;
        statement.setString(i++, blankToNull(c.alias()));
        statement.setString(i++, c.context());
        statement.setString(i++, c.kubeconfig());
        statement.setString(i++, c.namespace());
        statement.setString(i++, c.workloadType().jsonName());
        statement.setString(i++, c.service());
        statement.setString(i++, c.target());
        statement.setString(i++, c.remotePort());
        statement.setInt(i++, c.localPort());
        statement.setString(i++, c.localAddress());
        statement.setBoolean(i++, c.autoLoopbackAddress());
        statement.setString(i++, c.protocol());
        statement.setString(i++, c.remoteAddress());
        statement.setBoolean(i++, c.domainEnabled());
        statement.setBoolean(i++, c.httpLogsEnabled());
        statement.setBoolean(i++, c.autoStart());
        if (stored.kftrayExtra().isEmpty()) {
            statement.setNull(i++, Types.VARCHAR);
        } else {
            statement.setString(i++, stored.kftrayExtra().toString());
        }
        statement.setString(i++, c.group());
        return i;
    }

    private List<StoredConfig> readAll(PreparedStatement query) throws SQLException {
        List<StoredConfig> result = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.add(read(rows));
            }
        }
        return result;
    }

    private StoredConfig read(ResultSet row) throws SQLException {
        ForwardConfig config = ForwardConfig.builder()
                .id(row.getLong("id"))
                .alias(row.getString("alias"))
                .context(row.getString("context"))
                .kubeconfig(row.getString("kubeconfig"))
                .namespace(row.getString("namespace"))
                .workloadType(WorkloadType.parse(row.getString("workload_type")).orElseThrow())
                .service(row.getString("service"))
                .target(row.getString("target"))
                .remotePort(row.getString("remote_port"))
                .localPort(row.getInt("local_port"))
                .localAddress(row.getString("local_address"))
                .autoLoopbackAddress(row.getBoolean("auto_loopback_address"))
                .protocol(row.getString("protocol"))
                .remoteAddress(row.getString("remote_address"))
                .domainEnabled(row.getBoolean("domain_enabled"))
                .httpLogsEnabled(row.getBoolean("http_logs_enabled"))
                .autoStart(row.getBoolean("auto_start"))
                .group(row.getString("config_group"))
                .build();
        return new StoredConfig(config, extra(row.getString("kftray_extra"), config.id()));
    }

    private ObjectNode extra(String json, long id) {
        if (json == null) {
            return null;
        }
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new StorageException("the kftray_extra column of forward " + id + " is not a JSON object", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
