package app.kftray.protocol.socks5.internal;

import app.kftray.api.KubeException;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import java.util.concurrent.CompletionException;

/** A CONNECT that cannot be served: the SOCKS reply code to send and why, for the user. */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Socks5CommandStatus status;

    Refusal(Socks5CommandStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    Socks5CommandStatus status() {
        return status;
    }

    /**
     * @param error what went wrong while resolving or opening the stream
     * @return it as a refusal with the reply code a SOCKS client understands
     */
    static Refusal of(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Refusal refusal) {
            return refusal;
        }
        if (cause instanceof KubeException kube) {
            return new Refusal(switch (kube.reason()) {
                case UNREACHABLE -> Socks5CommandStatus.NETWORK_UNREACHABLE;
                case REFUSED -> Socks5CommandStatus.FORBIDDEN;
                case NOT_FOUND, NOT_READY -> Socks5CommandStatus.HOST_UNREACHABLE;
                case INVALID -> Socks5CommandStatus.FAILURE;
            }, kube.getMessage());
        }
        return new Refusal(Socks5CommandStatus.CONNECTION_REFUSED, String.valueOf(cause.getMessage()));
    }
}
