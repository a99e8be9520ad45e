package app.kftray.storage.internal;

import app.kftray.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema migrations shipped in the bundle, each in its own transaction, and
 * records them in {@code schema_history}. A database of another application or of a newer
 * kftray is refused before anything is written to it.
 */
final class Migrator {
    /** {@code PRAGMA application_id} of kftray databases: "kftr". */
    static final int APPLICATION_ID = 0x6B667472;
    static final String RESOURCE_DIRECTORY = "db/migration/";
    static final String INDEX = RESOURCE_DIRECTORY + "migrations.txt";
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final List<Migration> migrations;

    /** @param migrations versions 1..n in order */
    Migrator(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1.." + migrations.size()
                        + " without gaps, found " + migrations.get(i).script() + " at position " + (i + 1));
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** @return the migrations listed in the bundle's {@value #INDEX} */
    static Migrator fromResources() {
        ClassLoader loader = Migrator.class.getClassLoader();
        List<Migration> found = new ArrayList<>();
        for (String line : resource(loader, INDEX).split("\n")) {
            String script = line.strip();
            if (!script.isEmpty() && !script.startsWith("#")) {
                found.add(Migration.of(script, resource(loader, RESOURCE_DIRECTORY + script)));
            }
        }
        return new Migrator(found);
    }

    /** @return the newest schema version this code knows */
    int latestVersion() {
        return migrations.size();
    }

    /**
     * Reads the schema version of a database without writing to it.
     *
     * @param connection an open connection
     * @param file       the file, for messages
     * @return the version, 0 for an empty database
     * @throws SQLException       if SQLite fails
     * @throws StorageException   if it belongs to another application or to a newer kftray
     */
    int inspect(Connection connection, Path file) throws SQLException {
        int applicationId = single(connection, "PRAGMA application_id");
        boolean hasHistory = single(connection,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_history'") > 0;
        if (applicationId != 0 && applicationId != APPLICATION_ID) {
            throw new StorageException("database " + file + " belongs to another application (application_id "
                    + applicationId + "); kftray left it unchanged", null);
        }
        if (!hasHistory) {
            int tables = single(connection, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
            if (tables > 0) {
                throw new StorageException("database " + file + " is a SQLite database but not a kftray database"
                        + " (it has no schema_history table); kftray left it unchanged", null);
            }
            return 0;
        }
        int version = single(connection, "SELECT ifnull(max(version), 0) FROM schema_history");
        if (version > latestVersion()) {
            throw new StorageException("database " + file + " has schema version " + version
                    + " but this kftray knows versions up to " + latestVersion()
                    + "; it was written by a newer kftray. Update kftray; the database was not changed", null);
        }
        return version;
    }

    /**
     * Applies every migration newer than the database, one transaction each. Safe when
     * several processes start at once: each step re-reads the version under the write lock.
     *
     * @param database the open database
     */
    void migrate(Database database) {
        boolean applied;
        do {
            applied = database.write("migrating its schema", c -> applyNext(c, database.file()));
        } while (applied);
    }

    private boolean applyNext(Connection connection, Path file) throws SQLException {
        int current = inspect(connection, file);
        if (current >= latestVersion()) {
            return false;
        }
        Migration next = migrations.get(current);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS schema_history (
                        version     INTEGER PRIMARY KEY,
                        description TEXT    NOT NULL,
                        script      TEXT    NOT NULL,
                        checksum    TEXT    NOT NULL,
                        applied_at  INTEGER NOT NULL
                    )""");
            statement.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
            statement.executeUpdate(next.sql()); // sqlite-jdbc runs every statement of the script
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_history (version, description, script, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setInt(1, next.version());
            insert.setString(2, next.description());
            insert.setString(3, next.script());
            insert.setString(4, next.checksum());
            insert.setLong(5, System.currentTimeMillis());
            insert.executeUpdate();
        }
        LOG.info("Applied schema migration {} to {}", next.script(), file);
        return true;
    }

    private static int single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the storage bundle is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundle resource " + name, e);
        }
    }
}
