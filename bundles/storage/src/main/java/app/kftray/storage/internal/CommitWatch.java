package app.kftray.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tells whether another connection (of this process or another) committed to the database since the
 * last look, for one connection: SQLite's {@code PRAGMA data_version} changes only then, so a poll
 * that finds nothing new costs one pragma and no table read. The connection's own commits are not
 * seen; whoever writes through it knows of them. The pragma is prepared once and run again at each
 * look, as the looks come several times a second; it goes when the connection is closed.
 */
final class CommitWatch {
    private long seen = -1;
    private PreparedStatement pragma;

    /**
     * @param connection the watched connection, always the same one
     * @return whether others committed since the previous call; {@code true} on the first
     * @throws SQLException if SQLite refuses
     */
    boolean changed(Connection connection) throws SQLException {
        long version;
        try (ResultSet row = pragma(connection).executeQuery()) {
            row.next();
            version = row.getLong(1);
        } catch (SQLException e) {
            forget(); // prepared afresh next time, in case the statement is what broke
            throw e;
        }
        boolean changed = version != seen;
        seen = version;
        return changed;
    }

    private PreparedStatement pragma(Connection connection) throws SQLException {
        if (pragma == null || pragma.isClosed() || pragma.getConnection() != connection) {
            forget();
            pragma = connection.prepareStatement("PRAGMA data_version");
        }
        return pragma;
    }

    private void forget() {
        if (pragma == null) {
            return;
        }
        try {
            pragma.close();
        } catch (SQLException alreadyGone) {
            // its connection was closed, which finalized it
        }
        pragma = null;
    }
}
