package app.kftray.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL of the {@code settings} table: application settings as key/value strings. */
final class SettingsTable {
    private SettingsTable() {
    }

    static Optional<String> get(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sets the value, or removes the key when the value is {@code null}. */
    static Void put(Connection connection, String key, String value, long now) throws SQLException {
        if (value == null) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM settings WHERE key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
            return null;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO settings (key, value, updated_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.setLong(3, now);
            upsert.executeUpdate();
        }
        return null;
    }
}
