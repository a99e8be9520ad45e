package app.kftray.launcher.cli;

import app.kftray.launcher.boot.KftrayRuntime;

/** What the subcommands need from the {@code kftray} command they run under. */
public interface RootCommand {
    /** @return the running runtime whose shell runs the command, or {@code null} from a terminal */
    KftrayRuntime host();

    /** @return the {@code --log-level} given, or {@code null} */
    String logLevel();

    /**
     * Runs the long-lived runtime with a feature until it stops, as {@code kftray --feature} does.
     *
     * @param feature the feature to start
     * @return the exit code
     */
    int runFeature(String feature) throws Exception;
}
