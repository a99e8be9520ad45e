package app.kftray.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tells whether another connection (of this process or another) committed to the database since the
 * last look, for one connection: SQLite's {@code PRAGMA data_version} changes only then, so a poll
 * that finds nothing new costs one pragma and no table read. The connection's own commits are not
 * seen; whoever writes through it knows of them.
 */
final class CommitWatch {
    private long seen = -1;

    /**
     * @param connection the watched connection, always the same one
     * @return whether others committed since the previous call; {@code true} on the first
     * @throws SQLException if SQLite refuses
     */
    boolean changed(Connection connection) throws SQLException {
        long version;
        try (PreparedStatement pragma = connection.prepareStatement("PRAGMA data_version");
             ResultSet row = pragma.executeQuery()) {
            row.next();
            version = row.getLong(1);
        }
        boolean changed = version != seen;
        seen = version;
        return changed;
    }
}
