package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import org.junit.jupiter.api.Test;

/** The Gogo commands name forwards by id or alias and print one line per forward. */
class ForwardCommandsTest extends EngineTestBase {

    @Test
    void startStatusStopByAliasAndId() {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardCommands commands = new ForwardCommands(engine, configs);

        String started = commands.start("web");
        assertTrue(started.matches(web.id() + " +web +RUNNING +127\\.0\\.0\\.1:\\d+ -> web-a:80  conns 0/0  in 0 B  out 0 B"),
                started);
        assertTrue(commands.status().contains("RUNNING"), commands.status());
        assertEquals(started, commands.status(String.valueOf(web.id())));

        String stopped = commands.stop(String.valueOf(web.id()));
        assertTrue(stopped.contains(" STOPPED ") && stopped.contains("127.0.0.1:0 -> -:80"), stopped);
        assertEquals("No forwards are running in this process.", commands.status());
        assertTrue(commands.list().startsWith(web.id() + "    web"), commands.list());
    }

    @Test
    void unknownNamesAndFailuresSayWhatIsWrong() {
        ForwardCommands commands = new ForwardCommands(engine, configs);
        assertEquals("No forwards saved yet.", commands.list());
        assertEquals("No forward with id or alias 'nope'. Use 'kftray:list' to see them.", commands.start("nope"));

        save(service("ghost", "nowhere"));
        String failed = commands.start("ghost");
        assertTrue(failed.contains(" FAILED ") && failed.endsWith("error: service 'nowhere' not found in namespace default"),
                failed);
    }

    @Test
    void byteCountsAreShownInBinaryUnits() {
        assertEquals("0 B", StatusLine.bytes(0));
        assertEquals("1023 B", StatusLine.bytes(1023));
        assertEquals("1.5 KiB", StatusLine.bytes(1536));
        assertEquals("3.0 GiB", StatusLine.bytes(3L << 30));
    }
}
