package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.kftray.api.KftrayHome;
import app.kftray.api.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    /** The schema version of the migrations shipped in the bundle. */

    @TempDir
    Path dir;

    @Test
    void createsOwnerOnlyDirectoryAndFilesWithWalForeignKeysAndBusyTimeout() throws Exception {
        Path file = Fixtures.database(dir);
        try (Database database = Database.open(file, Duration.ofMillis(1234), Migrator.fromResources())) {
            assertEquals("rwx------", mode(file.getParent()));
            assertEquals("rw-------", mode(file));
            assertEquals("rw-------", mode(Database.sibling(file, "-wal")));
            assertEquals("rw-------", mode(Database.sibling(file, "-shm")));
            assertEquals("wal", pragma(database, "journal_mode"));
            assertEquals("1", pragma(database, "foreign_keys"));
            assertEquals("1234", pragma(database, "busy_timeout"));
            assertEquals(latest(), database.read("test", c -> query(c, "SELECT max(version) FROM schema_history")));
        }
    }

    /** @return the newest shipped schema version, as SQLite returns it */
    private static String latest() {
        return Integer.toString(Migrator.fromResources().latestVersion());
    }

    @Test
    void reopeningAppliesNothingTwice() {
        Path file = Fixtures.database(dir);
        Database.open(file, Fixtures.BUSY, Migrator.fromResources()).close();
        try (Database database = Database.open(file, Fixtures.BUSY, Migrator.fromResources())) {
            assertEquals(latest(), database.read("test", c -> query(c, "SELECT count(*) FROM schema_history")),
                    "each shipped migration once");
        }
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws IOException {
        Path file = Fixtures.database(dir);
        Files.createDirectories(file.getParent());
        byte[] content = "{\"this is\": \"not a database\"}\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        StorageException error = assertThrows(StorageException.class,
                () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("not a SQLite database"),
                error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void refusesADamagedSqliteFileAndLeavesItUntouched() throws IOException {
        Path file = Fixtures.database(dir);
        Files.createDirectories(file.getParent());
        byte[] content = new byte[8192];
        new java.util.Random(7).nextBytes(content);
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 16);
        Files.write(file, content);
        StorageException error = assertThrows(StorageException.class,
                () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void refusesAnotherApplicationsDatabase() throws Exception {
        Path file = Fixtures.database(dir);
        Files.createDirectories(file.getParent());
        OwnerOnlyFiles.createFile(file);
        try (Connection other = Database.connect(file, Fixtures.BUSY, false); Statement s = other.createStatement()) {
            s.executeUpdate("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)");
        }
        byte[] before = Files.readAllBytes(file);
        StorageException error = assertThrows(StorageException.class,
                () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
        assertTrue(error.getMessage().contains("not a kftray database"), error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void refusesADatabaseOfANewerSchemaWithoutChangingIt() throws Exception {
        Path file = Fixtures.database(dir);
        Database.open(file, Fixtures.BUSY, Migrator.fromResources()).close();
        try (Connection other = Database.connect(file, Fixtures.BUSY, false); Statement s = other.createStatement()) {
            s.executeUpdate("INSERT INTO schema_history VALUES (7, 'future', 'V7__future.sql', 'x', 0)");
        }
        byte[] before = Files.readAllBytes(file);
        StorageException error = assertThrows(StorageException.class,
                () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
        assertTrue(error.getMessage().contains("schema version 7") && error.getMessage().contains("newer kftray"),
                error.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aFailingMigrationLeavesTheEarlierVersionIntact() throws Exception {
        Path file = Fixtures.database(dir);
        Migrator shipped = Migrator.fromResources();
        Migration v1 = Migration.of("V1__init.sql", shippedSql());
        Migration broken = Migration.of("V2__broken.sql",
                "CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);");
        assertThrows(StorageException.class, () -> Database.open(file, Fixtures.BUSY,
                new Migrator(java.util.List.of(v1, broken))));
        try (Database database = Database.open(file, Fixtures.BUSY, shipped)) {
            assertEquals(latest(), database.read("test", c -> query(c, "SELECT max(version) FROM schema_history")),
                    "the shipped migrations apply over the intact first version");
            assertEquals("0", database.read("test",
                    c -> query(c, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")));
        }
    }

    @Test
    void aVersionOneDatabaseWithDataAcceptsExposeWorkloadsAfterTheUpgrade() throws Exception {
        Path file = Fixtures.database(dir);
        String insert = "INSERT INTO configs (namespace, workload_type, created_at, updated_at) VALUES ('dev', '%s', 0, 0)";
        try (Database v1 = Database.open(file, Fixtures.BUSY,
                new Migrator(java.util.List.of(Migration.of("V1__init.sql", shippedSql()))))) {
            v1.write("test", c -> c.createStatement().executeUpdate(insert.formatted("service")));
            assertThrows(StorageException.class,
                    () -> v1.write("test", c -> c.createStatement().executeUpdate(insert.formatted("expose"))));
        }
        try (Database upgraded = Database.open(file, Fixtures.BUSY, Migrator.fromResources())) {
            upgraded.write("test", c -> c.createStatement().executeUpdate(insert.formatted("expose")));
            assertEquals("2", upgraded.read("test", c -> query(c, "SELECT count(*) FROM configs")));
            assertThrows(StorageException.class,
                    () -> upgraded.write("test", c -> c.createStatement().executeUpdate(insert.formatted("bogus"))));
            assertEquals("ok", upgraded.read("test", c -> query(c, "PRAGMA integrity_check")));
        }
    }

    @Test
    void cannotCreateADatabaseInAReadOnlyDirectory() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Optional<ReadOnlyDirectory> readOnly = ReadOnlyDirectory.of(home);
        assumeTrue(readOnly.isPresent(), "this machine cannot make a directory read-only");
        try (ReadOnlyDirectory ignored = readOnly.get()) {
            Path file = KftrayHome.of(home).database();
            StorageException error = assertThrows(StorageException.class,
                    () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
            assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("writable"),
                    error.getMessage());
        }
    }

    @Test
    void cannotOpenAnExistingDatabaseWhenItsDirectoryBecameReadOnly() throws Exception {
        Path file = Fixtures.database(dir);
        Database.open(file, Fixtures.BUSY, Migrator.fromResources()).close();
        Optional<ReadOnlyDirectory> readOnly = ReadOnlyDirectory.of(file.getParent());
        assumeTrue(readOnly.isPresent(), "this machine cannot make a directory read-only");
        try (ReadOnlyDirectory ignored = readOnly.get()) {
            StorageException error = assertThrows(StorageException.class,
                    () -> Database.open(file, Fixtures.BUSY, Migrator.fromResources()));
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String pragma(Database database, String name) {
        return database.read("test", c -> query(c, "PRAGMA " + name));
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static String shippedSql() throws IOException {
        try (var in = Migrator.class.getClassLoader().getResourceAsStream("db/migration/V1__init.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
