package app.kftray.api;

/** The database could not be read or written (corrupt file, locked, read-only, newer schema). */
public class StorageException extends KftrayException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the file
     * @param cause   the underlying error, may be {@code null}
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
