package app.kftray.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void conflictingOptionsAreOneLineUsageErrors() {
        assertEquals(Main.EXIT_USAGE, run("--headless", "--feature", "headless"));
        assertEquals("kftray: --headless and --feature conflict; use --feature headless", err.toString().strip());
    }

    @Test
    void unknownOptionIsRejected() {
        assertEquals(Main.EXIT_USAGE, run("--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
    }
}
