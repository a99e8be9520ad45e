package app.kftray.launcher.boot;

/** A problem the launcher reports as one line and a non-zero exit code. */
public final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
