package app.kftray.api.model;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A {@code host:port} a kftray endpoint (such as the metrics endpoint) listens on, as a user
 * writes it: {@code 127.0.0.1:9464}, {@code localhost:9464}, {@code [::1]:9464}.
 *
 * @param host the host name or IP address, without brackets
 * @param port the TCP port, 0 to 65535 (0: any free port)
 * @since 1.2
 */
public record ListenEndpoint(String host, int port) {
    /**
     * @param text {@code host:port}
     * @return the endpoint
     * @throws IllegalArgumentException with a message for a person if the text is not {@code host:port}
     */
    public static ListenEndpoint parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + trimmed + "' is not host:port (for example 127.0.0.1:9464)");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + trimmed + "': write an IPv6 host in brackets, as [::1]:9464");
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "': the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + trimmed + "': the port must be between 0 and 65535");
        }
        return new ListenEndpoint(host, port);
    }

    /**
     * @return the host's address
     * @throws IllegalArgumentException if the host name does not resolve
     */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not a known host; use an IP address such as 127.0.0.1");
        }
    }

    /** @return whether only this machine can reach the endpoint */
    public boolean isLoopback() {
        return address().isLoopbackAddress();
    }

    /** @return {@code host:port}, IPv6 hosts in brackets */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
