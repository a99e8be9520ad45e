package app.kftray.api.model;

import java.util.Locale;
import java.util.Optional;

/** What a forward points at in the cluster. */
public enum WorkloadType {
    /** A Kubernetes service: its selector picks a ready pod. */
    SERVICE,
    /** Pods chosen by the label selector in {@link ForwardConfig#target()}. */
    POD,
    /** A host outside the cluster reached through a relay pod ({@link ForwardConfig#remoteAddress()}). */
    PROXY,
    /** Every service of a namespace through one local port (e.g. a SOCKS5 listener). */
    NAMESPACE,
    /**
     * The other way round: a port of this machine ({@link ForwardConfig#localAddress()}:{@link ForwardConfig#localPort()})
     * published in the cluster as a Service named after the alias, optionally behind an Ingress
     * ({@link ExposeOptions}).
     *
     * @since 1.2
     */
    EXPOSE;

    /** @return the lower-case name used in JSON and on the command line */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a workload type as kftray writes it.
     *
     * @param text the name in any case, may be {@code null}
     * @return the type, or empty when the text names none
     */
    public static Optional<WorkloadType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (WorkloadType type : values()) {
            if (type.jsonName().equalsIgnoreCase(text.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
