package app.kftray.net;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** Turns a failed bind into a message that says what to do. */
public final class BindFailure {
    private BindFailure() {
    }

    /**
     * @param address the address a bind failed on
     * @param cause   why it failed
     * @return whether it failed because the port is below 1024 and this process lacks the right to bind it
     */
    public static boolean needsPrivilege(InetSocketAddress address, Throwable cause) {
        return address.getPort() > 0 && address.getPort() < 1024 && cause instanceof SocketException
                && String.valueOf(cause.getMessage()).contains("Permission denied");
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
        if (needsPrivilege(address, cause)) {
            return new KftrayException(where + ": ports below 1024 need root, or the kftray helper for tcp forwards "
                    + "(install it with 'sudo kftray helper install'), or choose a port from 1024 up.", cause);
        }
        return new KftrayException(where + ": " + cause.getMessage(), cause);
    }
}
