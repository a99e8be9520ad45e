package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process with several stores open on one database keeps its locks: another process (here the
 * sqlite3 command, as a user or script would run it) that opens and closes the database must not
 * find it unused and delete the write-ahead log the stores still write to.
 */
class DatabaseSharedLocksTest {
    @TempDir
    Path dir;

    @Test
    void anotherProcessClosingTheDatabaseLosesNoWriteOfOurs() throws Exception {
        assumeTrue(sqlite3("-version", dir.resolve("none.db")).startsWith("3."), "needs the sqlite3 command");
        Path file = Fixtures.database(dir);
        try (Database configs = Database.open(file, Fixtures.BUSY, Migrator.fromResources());
             Database states = Database.open(file, Fixtures.BUSY, Migrator.fromResources())) {
            configs.write("test", c -> exec(c, "CREATE TABLE t (v INTEGER)"));
            states.write("test", c -> exec(c, "INSERT INTO t VALUES (1)"));

            assertEquals("1", sqlite3("SELECT count(*) FROM t;", file));
            assertTrue(Files.exists(Path.of(file + "-wal")), "the write-ahead log is still there");

            configs.write("test", c -> exec(c, "INSERT INTO t VALUES (2)"));
            assertEquals("2", sqlite3("SELECT count(*) FROM t;", file), "a write after the other process closed");
        }
    }

    private static Void exec(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return null;
    }

    private static String sqlite3(String sql, Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("sqlite3", file.toString(), sql).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return "";
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
