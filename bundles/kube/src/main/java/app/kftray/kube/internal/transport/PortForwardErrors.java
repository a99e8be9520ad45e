package app.kftray.kube.internal.transport;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.kube.internal.cluster.ProxyHandlers;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;

/** How port-forward connection failures are reported, the same for every transport. */
final class PortForwardErrors {
    private PortForwardErrors() {
    }

    /**
     * @param endpoint the API server
     * @param target   what was being forwarded to, e.g. {@code dev/web-1:8080}
     * @param cause    why the TCP connection failed
     * @return the error for a connection that could not be opened
     */
    static KubeException unreachable(ApiEndpoint endpoint, String target, Throwable cause) {
        Throwable proxy = ProxyHandlers.proxyFailure(cause);
        String what = proxy != null ? "the proxy " + endpoint.proxy().describe()
                + " did not connect to the API server " + endpoint.server() : "cannot connect to the API server "
                + endpoint.describe();
        return new KubeException(Reason.UNREACHABLE, what + " for port-forward to " + target + ": "
                + (proxy != null ? proxy : cause).getMessage(), cause);
    }

    /**
     * @param target what was being forwarded to
     * @param cause  a refused handshake or an I/O failure
     * @return the error, with a reason the engine can act on
     */
    static KubeException failed(String target, Throwable cause) {
        if (cause instanceof KubeException kube) {
            return kube;
        }
        if (cause instanceof WebSocketClientHandshakeException handshake) {
            int status = status(handshake);
            Reason reason = status == 404 ? Reason.NOT_FOUND : status == 401 || status == 403 ? Reason.REFUSED
                    : status >= 500 ? Reason.UNREACHABLE : Reason.INVALID;
            return new KubeException(reason, "the API server refused port-forward to " + target + ": "
                    + handshake.getMessage(), cause);
        }
        return new KubeException(Reason.UNREACHABLE, "port-forward to " + target + " failed: " + cause.getMessage(), cause);
    }

    /**
     * Whether a failed upgrade means the server does not speak the requested subprotocol (an API server
     * without the feature), as opposed to refusing this request: a 101 with another subprotocol, or a
     * client error other than authentication, a missing pod or throttling. kubectl falls back on any
     * failed upgrade; a missing pod or an outage must not switch the whole cluster to the fallback.
     *
     * @param cause why the handshake failed
     * @return whether to use another protocol
     */
    static boolean protocolUnsupported(Throwable cause) {
        if (!(cause instanceof WebSocketClientHandshakeException handshake)) {
            return false;
        }
        int status = status(handshake);
        return status == 101 || status >= 400 && status < 500 && status != 401 && status != 403 && status != 404
                && status != 429;
    }

    /**
     * @param cause why a connection failed
     * @return whether the API server rejected the credentials (401): refresh them and try once more
     */
    static boolean unauthorized(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof WebSocketClientHandshakeException handshake) {
                return status(handshake) == 401;
            }
        }
        return false;
    }

    private static int status(WebSocketClientHandshakeException handshake) {
        return handshake.response() == null ? 0 : handshake.response().status().code();
    }
}
