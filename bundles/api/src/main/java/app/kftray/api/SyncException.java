package app.kftray.api;

/**
 * A Git sync failed: the repository is unreachable, refused the credentials, lacks the branch or
 * file, the file is not a valid configs.json, or a token cannot be stored safely. The message is
 * one line for the user.
 *
 * @since 1.5
 */
public class SyncException extends KftrayException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do
     * @param cause   the underlying error, may be {@code null}
     */
    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
