package app.kftray.net;

import java.util.List;

/** The kinds of local socket a forward binds, with where Linux lists them. */
public enum SocketKind {
    /** A TCP listener; only sockets in the LISTEN state hold the port. */
    TCP("", List.of("net/tcp", "net/tcp6"), "0A"),
    /** A UDP socket; any bound socket holds the port. */
    UDP("udp ", List.of("net/udp", "net/udp6"), null);

    private final String label;
    private final List<String> procTables;
    private final String holdingState;

    SocketKind(String label, List<String> procTables, String holdingState) {
        this.label = label;
        this.procTables = procTables;
        this.holdingState = holdingState;
    }

    /** @return how messages name the kind before an address: empty for TCP, the default */
    String label() {
        return label;
    }

    /** @return the tables under {@code /proc} that list sockets of this kind */
    List<String> procTables() {
        return procTables;
    }

    /**
     * @param state the hexadecimal state column of a {@code /proc/net} line
     * @return whether a socket in that state holds its port
     */
    boolean holdsPort(String state) {
        return holdingState == null || holdingState.equals(state);
    }
}
