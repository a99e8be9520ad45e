package app.kftray.launcher;

/** A problem the launcher reports as one line and a non-zero exit code. */
public final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
