package app.kftray.launcher.cli;

/** The exit codes of every {@code kftray} command. */
public final class ExitCodes {
    /** A runtime error: a forward failed, storage or cluster error. */
    public static final int RUNTIME = 1;
    /** Invalid input: unknown option or forward, bad value, missing or corrupt file. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
