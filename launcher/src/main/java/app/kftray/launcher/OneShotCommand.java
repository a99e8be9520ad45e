package app.kftray.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that does one job and exits. Logs go to stderr at {@code warn} unless
 * {@code --log-level} says otherwise, so stdout carries only the answer.
 */
abstract class OneShotCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Logging.configure(root.logLevel == null ? "warn" : root.logLevel, "System.err");
        return execute();
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
