package app.kftray.forward.udp.internal;

import java.net.InetSocketAddress;

/** How local peers and addresses appear in messages. */
final class Peers {
    private Peers() {
    }

    /**
     * @param address a socket address
     * @return it as {@code host:port}, IPv6 hosts in brackets
     */
    static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
