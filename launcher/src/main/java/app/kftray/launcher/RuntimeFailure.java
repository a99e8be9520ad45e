package app.kftray.launcher;

/** A command failed while running (a forward did not start, the cluster or runtime failed): exit code 1. */
final class RuntimeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuntimeFailure(String message) {
        super(message);
    }
}
