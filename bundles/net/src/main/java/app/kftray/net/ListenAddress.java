package app.kftray.net;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import java.net.InetSocketAddress;

/** The local socket address a forward listens on, and how addresses appear in messages. */
public final class ListenAddress {
    private ListenAddress() {
    }

    /**
     * @param config the forward
     * @return its resolved bind address
     * @throws KftrayException if the local address does not resolve
     */
    public static InetSocketAddress of(ForwardConfig config) {
        InetSocketAddress address = new InetSocketAddress(config.effectiveLocalAddress(), config.localPort());
        if (address.isUnresolved()) {
            throw new KftrayException("forward '" + config.displayName() + "': local address '"
                    + config.effectiveLocalAddress() + "' is not a known host; use an IP address such as 127.0.0.1");
        }
        return address;
    }

    /**
     * @param address a socket address
     * @return it as {@code host:port}, the numeric host when resolved, IPv6 hosts in brackets
     */
    public static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
