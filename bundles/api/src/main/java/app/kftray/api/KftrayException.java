package app.kftray.api;

/**
 * Base of the errors kftray services report to their callers. Messages are written for
 * a person: what failed, for which forward, and what to do.
 */
public class KftrayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public KftrayException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public KftrayException(String message, Throwable cause) {
        super(message, cause);
    }
}
