package app.kftray.emulator;

import java.net.InetSocketAddress;

/**
 * Where relay pods reach a cluster address, as given on the command line:
 * {@code dns.dev.svc.cluster.local:53=127.0.0.1:5353}.
 *
 * @param host   the cluster host name (or address) a relay is asked for
 * @param port   its port
 * @param target the local address it stands for
 */
record RelayRoute(String host, int port, InetSocketAddress target) {

    /**
     * @param text {@code HOST:PORT=TARGET:PORT}
     * @return the route
     * @throws IllegalArgumentException naming what is wrong
     */
    static RelayRoute parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("relay route '" + text + "' is not HOST:PORT=TARGET:PORT");
        }
        String[] from = hostPort(text.substring(0, equals), text);
        String[] to = hostPort(text.substring(equals + 1), text);
        return new RelayRoute(from[0], port(from[1], text), new InetSocketAddress(to[0], port(to[1], text)));
    }

    private static String[] hostPort(String part, String text) {
        int colon = part.lastIndexOf(':');
        if (colon <= 0 || colon == part.length() - 1) {
            throw new IllegalArgumentException("relay route '" + text + "' is not HOST:PORT=TARGET:PORT");
        }
        return new String[] {part.substring(0, colon), part.substring(colon + 1)};
    }

    private static int port(String value, String text) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("relay route '" + text + "': '" + value + "' is not a port (1-65535)");
    }
}
