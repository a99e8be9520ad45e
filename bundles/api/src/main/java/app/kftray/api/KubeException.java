package app.kftray.api;

/** The cluster could not be reached or does not hold what a forward needs. */
public class KubeException extends KftrayException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    /** Why a cluster operation failed; the engine retries only {@link #UNREACHABLE}. */
    public enum Reason {
        /** The API server could not be reached or timed out. */
        UNREACHABLE,
        /** The context, namespace, service, pod or port does not exist. */
        NOT_FOUND,
        /** Objects exist but no pod is ready. */
        NOT_READY,
        /** The kubeconfig or the definition is wrong. */
        INVALID,
        /** The API server refused the request (401/403/409...). */
        REFUSED
    }

    /**
     * @param reason  the kind of failure
     * @param message what failed
     * @param cause   the underlying error, may be {@code null}
     */
    public KubeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the kind of failure */
    public Reason reason() {
        return reason;
    }
}
