package app.kftray.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.launcher.Main;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which subcommand models a command line gets: none to start the runtime, one when named, all otherwise. */
class SubcommandsTest {
    private static Set<String> subcommands(String... args) {
        CommandLine root = new CommandLine(new Main());
        Subcommands.addTo(root, args);
        return root.getSubcommands().values().stream().map(CommandLine::getCommandName).collect(Collectors.toSet());
    }

    @Test
    void startingTheRuntimeBuildsNoSubcommand() {
        assertEquals(Set.of(), subcommands());
        assertEquals(Set.of(), subcommands("--headless"));
        assertEquals(Set.of(), subcommands("--headless", "--log-level", "debug", "--startup-timeout", "60"));
        assertEquals(Set.of(), subcommands("--feature", "console", "--shell"));
    }

    @Test
    void aNamedCommandBuildsOnlyItself() {
        assertEquals(Set.of("list"), subcommands("ls"));
        assertEquals(Set.of("start"), subcommands("--log-level", "debug", "start", "web"));
    }

    @Test
    void helpVersionAndUnknownOptionsBuildThemAll() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"--headless", "--version"}, {"--headless", "--bogus"},
                {"no-such-command"}}) {
            Set<String> built = subcommands(args);
            assertTrue(built.containsAll(Set.of("list", "start", "stop", "doctor", "completion")),
                    String.join(" ", args) + " built " + built);
        }
    }
}
