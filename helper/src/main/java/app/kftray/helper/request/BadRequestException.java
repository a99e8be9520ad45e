package app.kftray.helper.request;

/** A request the helper refuses; the message is the one line the caller is told, nothing was changed. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the field */
    public BadRequestException(String message) {
        super(message);
    }
}
