package app.kftray.launcher.boot;

/** A command failed while running (a forward did not start, the cluster or runtime failed): exit code 1. */
public final class RuntimeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RuntimeFailure(String message) {
        super(message);
    }
}
