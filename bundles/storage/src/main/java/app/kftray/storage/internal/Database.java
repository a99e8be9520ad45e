package app.kftray.storage.internal;

import app.kftray.api.KftrayHome;
import app.kftray.api.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One connection to the kftray database, lent to one thread at a time. Writes run in
 * {@code BEGIN IMMEDIATE} transactions so that a writer waits (up to the busy timeout)
 * for the file lock up front instead of failing when a read turns into a write.
 */
final class Database implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final SqlErrors errors;
    private final ReentrantLock lock = new ReentrantLock(true); // fair: timers must not starve behind a busy writer

    private Database(Path file, Connection connection, SqlErrors errors) {
        this.file = file;
        this.connection = connection;
        this.errors = errors;
    }

    /**
     * Opens (creating if needed) the database, refuses files that are not kftray
     * databases of a known version, switches on WAL and applies pending migrations.
     *
     * @param file        the database file
     * @param busyTimeout how long to wait for another process's lock
     * @param migrator    the schema migrations
     * @return the open database
     */
    static Database open(Path file, Duration busyTimeout, Migrator migrator) {
        Path absolute = file.toAbsolutePath();
        prepareFile(absolute);
        NativeLibraryCache.prepare(KftrayHome.of(absolute.getParent()).cache()); // the database sits in the home
        SqlErrors errors = new SqlErrors(absolute, busyTimeout);
        Connection connection;
        try {
            connection = connect(absolute, busyTimeout, false);
        } catch (SQLException e) {
            throw errors.translate("opening it", e);
        }
        Database database = new Database(absolute, connection, errors);
        try {
            database.read("checking its schema version", c -> migrator.inspect(c, absolute));
            database.read("switching it to WAL mode", Database::enableWal);
            migrator.migrate(database);
            OwnerOnlyFiles.restrict(absolute, sibling(absolute, "-wal"), sibling(absolute, "-shm"));
            return database;
        } catch (RuntimeException | IOException e) {
            database.close();
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("cannot prepare database " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file        a database file
     * @param busyTimeout how long to wait for locks
     * @param readOnly    whether to open it read-only
     * @return a connection with foreign keys on; never creates the file
     * @throws SQLException if SQLite refuses
     */
    static Connection connect(Path file, Duration busyTimeout, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.enforceForeignKeys(true);
        config.resetOpenMode(SQLiteOpenMode.CREATE); // the file is created 0600 by us, never by SQLite
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /**
     * Opens another connection to the same, already prepared database, for work that must
     * not wait behind this connection's writers (WAL readers never block on writers).
     *
     * @return a new database object with its own connection
     */
    Database anotherConnection() {
        try {
            return new Database(file, connect(file, errors.busyTimeout(), false), errors);
        } catch (SQLException e) {
            throw errors.translate("opening a second connection", e);
        }
    }

    /** @return the database file */
    Path file() {
        return file;
    }

    /**
     * Runs work outside a transaction (each statement is atomic on its own).
     *
     * @param action what is being done, for error messages
     * @param work   the work
     * @param <T>    its result
     * @return the result
     */
    <T> T read(String action, SqlWork<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw errors.translate(action, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs work in one write transaction: all of it is committed, or none of it.
     *
     * @param action what is being done, for error messages
     * @param work   the work; any exception rolls back
     * @param <T>    its result
     * @return the result
     */
    <T> T write(String action, SqlWork<T> work) {
        lock.lock();
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.apply(connection);
                statement.execute("COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollback(statement);
                }
            }
        } catch (SQLException e) {
            throw errors.translate(action, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param action what failed
     * @param error  the SQLite error
     * @return the error to throw
     */
    StorageException error(String action, SQLException error) {
        return errors.translate(action, error);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw errors.translate("closing it", e);
        } finally {
            lock.unlock();
        }
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void rollback(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException alreadyRolledBack) {
            // SQLite rolls back by itself on some errors (e.g. disk full); nothing is left open
        }
    }

    private static Void enableWal(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL"); // safe in WAL mode: never corrupts, loses at most the last commit on power loss
        }
        return null;
    }

    private static void prepareFile(Path file) {
        Path directory = file.getParent();
        try {
            KftrayHome.createOwnerOnly(directory);
        } catch (IOException e) {
            throw new StorageException("cannot create the kftray directory " + directory + ": " + describe(e)
                    + "; set " + KftrayHome.ENVIRONMENT_VARIABLE + " to a writable directory", e);
        }
        try {
            if (Files.exists(file)) {
                checkExisting(file);
            } else {
                OwnerOnlyFiles.createFile(file);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create database " + file + ": " + describe(e)
                    + "; make " + directory + " writable or set " + KftrayHome.ENVIRONMENT_VARIABLE
                    + " to another directory", e);
        }
    }

    /**
     * The file is not read here: closing a descriptor of the database file would drop every POSIX lock
     * this process's open connections hold on it, and another process's SQLite, seeing no reader left,
     * would then checkpoint and delete the write-ahead log these connections still write to. SQLite
     * itself reports a file that is not a database when the schema is read ({@link SqlErrors}).
     */
    private static void checkExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StorageException("database path " + file + " is not a regular file; move it away", null);
        }
    }

    private static String describe(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.toString();
    }
}
