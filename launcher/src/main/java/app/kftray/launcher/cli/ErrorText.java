package app.kftray.launcher.cli;

import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.KubeException;
import app.kftray.launcher.boot.LauncherException;

/** Turns a failed command's exception into its one-line message and exit code class. */
public final class ErrorText {
    private ErrorText() {
    }

    /** @return the message on one line */
    public static String of(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** @return whether the user's input was wrong (exit 2) rather than something failing (exit 1) */
    public static boolean isUserError(Throwable e) {
        return e instanceof LauncherException || e instanceof InvalidConfigException
                || e instanceof ConflictException || e instanceof KubeException && isConfigProblem((KubeException) e);
    }

    private static boolean isConfigProblem(KubeException e) {
        return e.reason() == KubeException.Reason.INVALID || e.reason() == KubeException.Reason.NOT_FOUND;
    }
}
