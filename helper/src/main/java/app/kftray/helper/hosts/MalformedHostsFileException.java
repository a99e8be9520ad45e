package app.kftray.helper.hosts;

/** The hosts file's kftray markers are broken; the helper does not write it until a person fixes them. */
public final class MalformedHostsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message which marker is wrong */
    public MalformedHostsFileException(String message) {
        super(message + "; fix or remove the kftray lines by hand");
    }
}
