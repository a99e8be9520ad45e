package app.kftray.api;

/** A write would break a uniqueness rule, such as one alias per context and namespace. */
public class ConflictException extends KftrayException {
    private static final long serialVersionUID = 1L;

    /** @param message which value conflicts with what */
    public ConflictException(String message) {
        super(message);
    }
}
