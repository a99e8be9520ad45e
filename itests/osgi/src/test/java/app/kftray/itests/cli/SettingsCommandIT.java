package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kftray settings} as a user runs it: list, get, set and unset; a bad key or value is one
 * clear line, exit code 2, and saves nothing.
 */
class SettingsCommandIT {
    @TempDir
    Path home;

    @Test
    void settingsAreListedChangedAndResetAndBadInputSavesNothing() throws Exception {
        KftrayProcess.Result listed = KftrayProcess.run(home, "settings");
        assertEquals(0, listed.exit(), listed.text());
        assertTrue(listed.out().contains("http_logs_retention_days = 7 (default)"), listed.text());
        assertTrue(listed.out().contains("http_logs_max_file_size = 10485760 (default)"), listed.text());

        KftrayProcess.Result set = KftrayProcess.run(home, "settings", "set", "http_logs_max_file_size", "25MiB");
        assertEquals(0, set.exit(), set.text());
        assertEquals(List.of("http_logs_max_file_size = 26214400"), set.out());
        assertEquals(List.of("26214400"), KftrayProcess.run(home, "settings", "get", "http_logs_max_file_size").out());

        refused(List.of("kftray: http_logs_retention_days: '366' is not a whole number from 1 to 365 days; "
                + "nothing was saved"), "settings", "set", "http_logs_retention_days", "366");
        refused(List.of("kftray: http_logs_max_file_size: '0' is not a whole number of bytes from 1048576 to "
                + "1048576000 (1 to 1000 MiB; '10MiB' is understood too); nothing was saved"),
                "settings", "set", "http_logs_max_file_size", "0");
        refused(List.of("kftray: network_monitor: 'yes' is neither true nor false; nothing was saved"),
                "settings", "set", "network_monitor", "yes");
        KftrayProcess.Result unknown = KftrayProcess.run(home, "settings", "set", "http_log_retention", "3");
        assertEquals(2, unknown.exit(), unknown.text());
        assertEquals(1, unknown.err().size(), unknown.text());
        assertTrue(unknown.err().get(0).startsWith("kftray: http_log_retention: no such setting; known settings: "),
                unknown.text());

        List<String> after = KftrayProcess.run(home, "settings", "list").out();
        assertTrue(after.contains("http_logs_retention_days = 7 (default)"), "nothing saved: " + after);
        assertTrue(after.contains("network_monitor = true (default)"), "nothing saved: " + after);
        assertTrue(after.contains("http_logs_max_file_size = 26214400"), String.join("\n", after));

        KftrayProcess.Result unset = KftrayProcess.run(home, "settings", "unset", "http_logs_max_file_size");
        assertEquals(0, unset.exit(), unset.text());
        assertEquals(List.of("10485760"), KftrayProcess.run(home, "settings", "get", "http_logs_max_file_size").out());
    }

    private void refused(List<String> expected, String... args) throws Exception {
        KftrayProcess.Result result = KftrayProcess.run(home, args);
        assertEquals(2, result.exit(), result.text());
        assertEquals(expected, result.err());
        assertEquals(List.of(), result.out());
    }
}
