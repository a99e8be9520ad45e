package app.kftray.api.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A saved forward definition. Field names follow kftray's {@code configs.json}
 * (snake_case there, camelCase here) so files move between the two tools.
 * <p>
 * Instances are immutable; use {@link #builder()} or {@link #toBuilder()} to make one.
 * A record may hold invalid values (it is what a user typed); {@link #validate()}
 * reports every bad field at once, and stores refuse invalid definitions.
 *
 * @param id                  database id, {@code null} until stored
 * @param alias               display name and host name for domain entries; may be {@code null}
 * @param context             kube context, {@code null} for the kubeconfig's current context
 * @param kubeconfig          kubeconfig path, {@code null} for the default
 * @param namespace           namespace of the workload (required)
 * @param workloadType        what to forward to (required)
 * @param service             service name, for {@link WorkloadType#SERVICE}
 * @param target              pod label selector such as {@code app=web,tier=api}, for {@link WorkloadType#POD}
 * @param remotePort          port on the workload: a number or a named port
 * @param localPort           local port, 0 to pick a free one
 * @param localAddress        local bind address, {@code null} for 127.0.0.1
 * @param autoLoopbackAddress ask the helper for a dedicated 127.0.0.N address
 * @param protocol            protocol handler name, such as {@code tcp}, {@code udp} or {@code socks5}
 * @param remoteAddress       host behind the relay, for {@link WorkloadType#PROXY}
 * @param domainEnabled       add a hosts-file entry {@code alias -> local address}
 * @param httpLogsEnabled     log the HTTP traffic of this forward
 * @param autoStart           start this forward when a headless or desktop runtime starts
 * @param group               a user's group name the UIs list it under instead of its context;
 *                            {@code null} (blank) for none. JSON name {@code group} (kftray issue #670)
 */
public record ForwardConfig(Long id, String alias, String context, String kubeconfig, String namespace,
                            WorkloadType workloadType, String service, String target, String remotePort,
                            int localPort, String localAddress, boolean autoLoopbackAddress, String protocol,
                            String remoteAddress, boolean domainEnabled, boolean httpLogsEnabled,
                            boolean autoStart, String group) {

    /** The bind address used when none is configured. */
    public static final String DEFAULT_LOCAL_ADDRESS = "127.0.0.1";
    /** The protocol used when none is configured. */
    public static final String DEFAULT_PROTOCOL = "tcp";

    public ForwardConfig {
        protocol = protocol == null || protocol.isBlank() ? DEFAULT_PROTOCOL : protocol.trim().toLowerCase(Locale.ROOT);
        group = group == null || group.isBlank() ? null : group.strip();
    }

    /**
     * A definition without a group, as before groups existed.
     *
     * @param id                  database id
     * @param alias               display name
     * @param context             kube context
     * @param kubeconfig          kubeconfig path
     * @param namespace           namespace
     * @param workloadType        workload type
     * @param service             service name
     * @param target              pod label selector
     * @param remotePort          remote port
     * @param localPort           local port
     * @param localAddress        local bind address
     * @param autoLoopbackAddress whether to allocate a loopback address
     * @param protocol            protocol handler name
     * @param remoteAddress       proxy target host
     * @param domainEnabled       whether to add a hosts entry
     * @param httpLogsEnabled     whether to log HTTP traffic
     * @param autoStart           whether to start with the runtime
     */
    public ForwardConfig(Long id, String alias, String context, String kubeconfig, String namespace,
                         WorkloadType workloadType, String service, String target, String remotePort,
                         int localPort, String localAddress, boolean autoLoopbackAddress, String protocol,
                         String remoteAddress, boolean domainEnabled, boolean httpLogsEnabled, boolean autoStart) {
        this(id, alias, context, kubeconfig, namespace, workloadType, service, target, remotePort, localPort,
                localAddress, autoLoopbackAddress, protocol, remoteAddress, domainEnabled, httpLogsEnabled, autoStart,
                null);
    }

    /** @return a builder with the defaults (tcp, service workload, local port 0) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this definition's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return every problem with this definition, empty when it is valid */
    public List<FieldError> validate() {
        return ForwardConfigValidator.validate(this);
    }

    /** @return the bind address, 127.0.0.1 when none is set */
    public String effectiveLocalAddress() {
        return localAddress == null || localAddress.isBlank() ? DEFAULT_LOCAL_ADDRESS : localAddress;
    }

    /**
     * Whether the bind address lets other machines connect: anything but {@code localhost} and a name or literal of
     * a loopback address. A name that does not resolve counts as beyond loopback, since it may resolve later.
     *
     * @return whether the listener would be reachable beyond this machine
     * @since 1.4
     */
    public boolean listensBeyondLoopback() {
        String address = effectiveLocalAddress().trim();
        if (address.equalsIgnoreCase("localhost")) {
            return false;
        }
        try {
            // a literal address is parsed, not looked up; a name is resolved as the listener would
            return !InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException unknown) {
            return true;
        }
    }

    /** @return the remote port as a number, empty when it is a named port or missing */
    public OptionalInt remotePortNumber() {
        return ForwardConfigValidator.portNumber(remotePort);
    }

    /** @return the alias if set, otherwise kftray's generated {@code <workload>-<protocol>-<local_port>} */
    public String displayName() {
        if (alias != null && !alias.isBlank()) {
            return alias;
        }
        String workload = service != null ? service : target != null ? target : remoteAddress;
        return (workload == null ? namespace : workload) + "-" + protocol + "-" + localPort;
    }

    /** @return the id, or -1 while unsaved */
    public long idOrMinusOne() {
        return id == null ? -1 : id;
    }

    /** Collects values for a {@link ForwardConfig}; not thread-safe. */
    public static final class Builder {
        private Long id;
        private String alias;
        private String context;
        private String kubeconfig;
        private String namespace;
        private WorkloadType workloadType = WorkloadType.SERVICE;
        private String service;
        private String target;
        private String remotePort;
        private int localPort;
        private String localAddress;
        private boolean autoLoopbackAddress;
        private String protocol = DEFAULT_PROTOCOL;
        private String remoteAddress;
        private boolean domainEnabled;
        private boolean httpLogsEnabled;
        private boolean autoStart;
        private String group;

        private Builder() {
        }

        private Builder(ForwardConfig c) {
            id = c.id;
            alias = c.alias;
            context = c.context;
            kubeconfig = c.kubeconfig;
            namespace = c.namespace;
            workloadType = c.workloadType;
            service = c.service;
            target = c.target;
            remotePort = c.remotePort;
            localPort = c.localPort;
            localAddress = c.localAddress;
            autoLoopbackAddress = c.autoLoopbackAddress;
            protocol = c.protocol;
            remoteAddress = c.remoteAddress;
            domainEnabled = c.domainEnabled;
            httpLogsEnabled = c.httpLogsEnabled;
            autoStart = c.autoStart;
            group = c.group;
        }

        /** @param value database id @return this */
        public Builder id(Long value) { id = value; return this; }

        /** @param value display name @return this */
        public Builder alias(String value) { alias = value; return this; }

        /** @param value kube context @return this */
        public Builder context(String value) { context = value; return this; }

        /** @param value kubeconfig path @return this */
        public Builder kubeconfig(String value) { kubeconfig = value; return this; }

        /** @param value namespace @return this */
        public Builder namespace(String value) { namespace = value; return this; }

        /** @param value workload type @return this */
        public Builder workloadType(WorkloadType value) { workloadType = value; return this; }

        /** @param value service name @return this */
        public Builder service(String value) { service = value; return this; }

        /** @param value pod label selector @return this */
        public Builder target(String value) { target = value; return this; }

        /** @param value remote port number or name @return this */
        public Builder remotePort(String value) { remotePort = value; return this; }

        /** @param value remote port number @return this */
        public Builder remotePort(int value) { remotePort = Integer.toString(value); return this; }

        /** @param value local port, 0 for any @return this */
        public Builder localPort(int value) { localPort = value; return this; }

        /** @param value local bind address @return this */
        public Builder localAddress(String value) { localAddress = value; return this; }

        /** @param value whether to allocate a loopback address @return this */
        public Builder autoLoopbackAddress(boolean value) { autoLoopbackAddress = value; return this; }

        /** @param value protocol handler name @return this */
        public Builder protocol(String value) { protocol = value; return this; }

        /** @param value proxy target host @return this */
        public Builder remoteAddress(String value) { remoteAddress = value; return this; }

        /** @param value whether to add a hosts entry @return this */
        public Builder domainEnabled(boolean value) { domainEnabled = value; return this; }

        /** @param value whether to log HTTP traffic @return this */
        public Builder httpLogsEnabled(boolean value) { httpLogsEnabled = value; return this; }

        /** @param value whether to start with the runtime @return this */
        public Builder autoStart(boolean value) { autoStart = value; return this; }

        /** @param value group name, {@code null} for none @return this */
        public Builder group(String value) { group = value; return this; }

        /** @return the definition; not validated, see {@link ForwardConfig#validate()} */
        public ForwardConfig build() {
            return new ForwardConfig(id, alias, context, kubeconfig, namespace, workloadType, service, target,
                    remotePort, localPort, localAddress, autoLoopbackAddress, protocol, remoteAddress,
                    domainEnabled, httpLogsEnabled, autoStart, group);
        }
    }
}
