package app.kftray.net;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import java.net.BindException;
import java.net.InetSocketAddress;

/** Turns a failed bind into a message that says what to do. */
public final class BindFailure {
    private BindFailure() {
    }

    /**
     * @param config  the forward
     * @param kind    the kind of socket it tried to bind
     * @param address the address it tried
     * @param cause   why binding failed
     * @return an error naming the address and, for a port in use, the process holding it when known
     */
    public static KftrayException describe(ForwardConfig config, SocketKind kind, InetSocketAddress address,
                                           Throwable cause) {
        String where = "forward '" + config.displayName() + "' cannot listen on " + kind.label()
                + ListenAddress.text(address);
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            String holder = PortOwner.find(kind, address.getPort())
                    .map(owner -> "it is already in use by " + owner)
                    .orElse("it is already in use (the process holding it could not be determined)");
            return new KftrayException(where + ": " + holder + ". Stop that process or choose another local port.",
                    cause);
        }
        return new KftrayException(where + ": " + cause.getMessage(), cause);
    }
}
