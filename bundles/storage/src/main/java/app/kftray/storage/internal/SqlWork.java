package app.kftray.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with the database connection while the {@link Database} holds it for the caller.
 *
 * @param <T> the result
 */
@FunctionalInterface
interface SqlWork<T> {
    /**
     * @param connection the connection, valid only during the call
     * @return the result
     * @throws SQLException when SQLite fails
     */
    T apply(Connection connection) throws SQLException;
}
