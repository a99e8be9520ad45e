package app.kftray.forward.tcp.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import java.net.BindException;
import java.net.InetSocketAddress;

/** Turns a failed bind into a message that says what to do. */
final class BindFailure {
    private BindFailure() {
    }

    static KftrayException describe(ForwardConfig config, InetSocketAddress address, Throwable cause) {
        String where = "forward '" + config.displayName() + "' cannot listen on " + LocalAddress.text(address);
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            String holder = PortOwner.find(address.getPort())
                    .map(owner -> "it is already in use by " + owner)
                    .orElse("it is already in use (the process holding it could not be determined)");
            return new KftrayException(where + ": " + holder
                    + ". Stop that process or choose another local port.", cause);
        }
        return new KftrayException(where + ": " + cause.getMessage(), cause);
    }
}
