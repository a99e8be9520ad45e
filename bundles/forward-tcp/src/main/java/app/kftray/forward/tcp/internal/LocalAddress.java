package app.kftray.forward.tcp.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import java.net.InetSocketAddress;

/** The socket address a forward listens on. */
final class LocalAddress {
    private LocalAddress() {
    }

    /**
     * @param config the forward
     * @return its resolved bind address
     * @throws KftrayException if the local address does not resolve
     */
    static InetSocketAddress of(ForwardConfig config) {
        InetSocketAddress address = new InetSocketAddress(config.effectiveLocalAddress(), config.localPort());
        if (address.isUnresolved()) {
            throw new KftrayException("forward '" + config.displayName() + "': local address '"
                    + config.effectiveLocalAddress() + "' is not a known host; use an IP address such as 127.0.0.1");
        }
        return address;
    }

    /**
     * @param address a socket address
     * @return it as {@code host:port}, IPv6 hosts in brackets
     */
    static String text(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
