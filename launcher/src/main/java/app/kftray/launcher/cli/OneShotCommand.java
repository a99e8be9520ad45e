package app.kftray.launcher.cli;

import app.kftray.launcher.boot.Logging;
import app.kftray.launcher.boot.OneShotRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that does one job and exits. Logs go to stderr at {@code warn} unless
 * {@code --log-level} says otherwise, so stdout carries only the answer. The same commands run
 * in the Gogo shell of a running runtime ({@code ShellCommands}), on its services.
 */
abstract class OneShotCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        if (root.host() == null) {
            configureLogging();
        }
        return execute();
    }

    /** Sends this command's log to stderr; a command that owns the terminal sends it elsewhere. */
    void configureLogging() {
        Logging.configure(root.logLevel() == null ? "warn" : root.logLevel(), "System.err");
    }

    /**
     * @param feature the feature a command run from a terminal boots
     * @return a runtime booted for this command, or the running one when the command comes from its shell
     */
    OneShotRuntime runtime(String feature) {
        return root.host() != null ? OneShotRuntime.hostedBy(root.host()) : OneShotRuntime.boot(feature);
    }

    /**
     * @return the stores for a command that touches only the database (from a terminal, opened
     *         without booting a framework; from a shell, the running runtime's)
     */
    OneShotRuntime stores() {
        return root.host() != null ? OneShotRuntime.hostedBy(root.host()) : OneShotRuntime.stores();
    }

    /** @return the exit code */
    abstract int execute() throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
