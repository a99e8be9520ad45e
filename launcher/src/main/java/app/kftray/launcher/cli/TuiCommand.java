package app.kftray.launcher.cli;

import app.kftray.api.KftrayHome;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.Logging;
import picocli.CommandLine.Command;

/**
 * {@code kftray tui}: the full-screen terminal UI, for servers and SSH sessions. It runs the
 * runtime with the {@code tui} feature in this process, on the shared database, like the tray
 * app; its log goes to {@code <kftray home>/logs/kftray-tui.log} since the terminal is the UI's.
 */
@Command(name = "tui", mixinStandardHelpOptions = true,
        description = {"Open the full-screen terminal UI (80x24 or larger; press h inside for the keys).",
                "Forwards started here stop when it quits. Set NO_COLOR for a monochrome screen. "
                        + "The log goes to <kftray home>/logs/kftray-tui.log."})
public final class TuiCommand extends OneShotCommand {
    /** The feature the terminal UI runs in; its runtime logs to a file, since the terminal is the UI's. */
    public static final String FEATURE = "tui";

    @Override
    void configureLogging() {
        Logging.configureFile(root.logLevel() == null ? "info" : root.logLevel(), KftrayHome.current());
    }

    @Override
    int execute() throws Exception {
        if (root.host() != null) {
            throw new LauncherException("'tui' needs a terminal of its own; run 'kftray tui' in a terminal, not in"
                    + " the shell of a running kftray");
        }
        if (System.console() == null) {
            throw new LauncherException("'kftray tui' needs an interactive terminal; over SSH use 'ssh -t'");
        }
        return root.runFeature(FEATURE);
    }
}
