package app.kftray.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.launcher.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void versionNamesTheProduct() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("kftray "), out.toString());
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String option : new String[] {"--headless", "--feature", "--shell", "--deploy-dir", "--version"}) {
            assertTrue(help.contains(option), option + " missing from help");
        }
        assertTrue(help.contains("Exit codes"));
    }

    @Test
    void helpListsEverySubcommand() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"list", "status", "start", "stop", "add", "edit", "rm", "import",
            "export", "logs", "contexts", "discover", "sync", "backup", "restore", "helper", "completion"}) {
            assertTrue(out.toString().contains(System.lineSeparator() + "  " + command), command + " missing from help");
        }
    }

    @Test
    void aSubcommandAfterRootOptionsShowsItsOwnHelp() {
        assertEquals(0, run("--log-level", "warn", "list", "--help"));
        assertTrue(out.toString().startsWith("Usage: kftray list"), out.toString());
    }

    @Test
    void completionCoversEverySubcommand() {
        assertEquals(0, run("completion"));
        assertTrue(out.toString().contains("restore") && out.toString().contains("contexts"), out.toString());
    }

    @Test
    void misspelledSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("lst"));
        assertTrue(err.toString().startsWith("kftray: ") && err.toString().contains("lst"), err.toString());
    }

    @Test
    void conflictingOptionsAreOneLineUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("--headless", "--feature", "headless"));
        assertEquals("kftray: --headless and --feature conflict; use --feature headless", err.toString().strip());
    }

    @Test
    void unknownOptionIsRejected() {
        assertEquals(ExitCodes.USAGE, run("--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
    }

    @Test
    void syncOptionsOfAnotherActionAreUsageErrorsBeforeAnythingBoots() {
        assertEquals(ExitCodes.USAGE, run("sync", "now", "--url", "https://example.invalid/x.git"));
        assertEquals("kftray: --url applies to 'kftray sync set' only", err.toString().strip());
    }

    @Test
    void aMalformedSyncIntervalIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("sync", "set", "--url", "git://127.0.0.1/x.git", "--path", "c.json",
                "--interval", "ten"));
        assertEquals("kftray: --interval 'ten' is not a duration such as 30s, 10m or 1h", err.toString().strip());
    }
}
