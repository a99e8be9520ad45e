package app.kftray.storage.internal;

import app.kftray.api.KftrayHome;
import app.kftray.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Copies the database to a file and back with SQLite's online backup (sqlite-jdbc's
 * {@code backup to} / {@code restore from} statements), safe while other processes use it.
 */
final class DatabaseBackup {
    private final Migrator migrator;
    private final Duration busyTimeout;

    DatabaseBackup(Migrator migrator, Duration busyTimeout) {
        this.migrator = migrator;
        this.busyTimeout = busyTimeout;
    }

    /**
     * @param database the open database
     * @param file     the backup file, created owner-only; an existing file must be a SQLite file
     */
    void backup(Database database, Path file) {
        Path target = file.toAbsolutePath();
        try {
            if (Files.exists(target) && !SqliteHeader.isSqliteOrEmpty(target)) {
                throw new StorageException("will not overwrite " + target + " with a backup: it is not a SQLite"
                        + " file; choose another file name", null);
            }
            KftrayHome.createOwnerOnly(target.getParent());
            OwnerOnlyFiles.createFile(target);
            OwnerOnlyFiles.restrict(target);
        } catch (IOException e) {
            throw new StorageException("cannot create backup file " + target + ": " + e.getMessage(), e);
        }
        database.read("backing it up to " + target, c -> execute(c, "backup to " + quoted(target)));
    }

    /**
     * Checks that a file is a kftray database this code can read, without changing it.
     *
     * @param file a backup file
     * @throws StorageException saying what is wrong with it
     */
    void validate(Path file) {
        Path source = file.toAbsolutePath();
        try {
            if (!Files.isRegularFile(source) || Files.size(source) == 0 || !SqliteHeader.isSqliteOrEmpty(source)) {
                throw new StorageException("cannot restore from " + source + ": it is not a kftray backup"
                        + " (missing, empty or not a SQLite file)", null);
            }
        } catch (IOException e) {
            throw new StorageException("cannot read backup file " + source + ": " + e.getMessage(), e);
        }
        SqlErrors errors = new SqlErrors(source, busyTimeout);
        try (Connection connection = Database.connect(source, busyTimeout, true)) {
            if (migrator.inspect(connection, source) == 0) {
                throw new StorageException("cannot restore from " + source + ": it is an empty SQLite database,"
                        + " not a kftray backup", null);
            }
            checkIntegrity(connection, source);
        } catch (SQLException e) {
            throw errors.translate("checking it as a backup", e);
        }
    }

    /**
     * Replaces the content of the open database with the backup; call {@link #validate(Path)} first.
     *
     * @param database the open database
     * @param file     the backup file
     */
    void restore(Database database, Path file) {
        Path source = file.toAbsolutePath();
        database.read("restoring it from " + source, c -> execute(c, "restore from " + quoted(source)));
    }

    private static void checkIntegrity(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new StorageException("cannot restore from " + file + ": the file is damaged (" + verdict + ")",
                        null);
            }
        }
    }

    private static Void execute(Connection connection, String command) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(command);
        }
        return null;
    }

    /** Quotes a path for sqlite-jdbc's backup commands, which know no escapes. */
    private static String quoted(Path file) {
        String path = file.toString();
        if (!path.contains("\"")) {
            return "\"" + path + "\"";
        }
        if (!path.contains("'")) {
            return "'" + path + "'";
        }
        throw new StorageException("cannot back up to or restore from " + file
                + ": the path contains both kinds of quotes; use another file name", null);
    }
}
