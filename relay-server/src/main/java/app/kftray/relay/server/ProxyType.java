package app.kftray.relay.server;

import java.util.Locale;
import java.util.Optional;

/** What the relay carries to its target. */
public enum ProxyType {

    /** Each accepted TCP connection is proxied to the target as a TCP connection. */
    TCP,

    /** Each accepted TCP connection carries framed UDP datagrams to and from the target. */
    UDP,

    /**
     * Expose: connections accepted from the cluster are carried back, one port-forward stream each,
     * to the local side that holds the control stream (see PROTOCOL.md, "Reverse mode").
     */
    REVERSE;

    /**
     * @param value a name in any case, as in kftray's {@code PROXY_TYPE}
     * @return the matching type, empty if the relay has none of that name
     */
    public static Optional<ProxyType> parse(String value) {
        for (ProxyType type : values()) {
            if (type.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** @return the lower-case name used in the environment and in logs */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
