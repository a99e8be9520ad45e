package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import app.kftray.launcher.boot.LauncherException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One flag per field of a forward definition, kubectl's cluster flags included, for {@code add}
 * (unset flags keep the defaults) and {@code edit} (unset flags keep the saved value). Values are
 * checked by the store's validation, which reports every bad field at once.
 */
final class ConfigFields {
    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-a", "--alias"}, paramLabel = "NAME", description = "Display name, unique per context and namespace.")
    String alias;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Workload type: service, pod or proxy.")
    String workloadType;

    @Option(names = {"-s", "--service"}, paramLabel = "NAME", description = "Service name (type service).")
    String service;

    @Option(names = "--target", paramLabel = "SELECTOR", description = "Pod label selector such as app=web (type pod).")
    String target;

    @Option(names = {"-r", "--remote-port"}, paramLabel = "PORT", description = "Port on the workload: a number or a named port.")
    String remotePort;

    @Option(names = {"-l", "--local-port"}, paramLabel = "PORT", description = "Local port, 0 for any free port.")
    Integer localPort;

    @Option(names = "--local-address", paramLabel = "ADDRESS", description = "Local bind address (default 127.0.0.1).")
    String localAddress;

    @Option(names = ListenerExposure.FLAG, description = "Confirm a local address other than loopback: the "
            + "forward is then reachable from other machines.")
    boolean allowRemote;

    @Option(names = "--auto-loopback", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
            description = "Ask the helper for a dedicated 127.0.0.N address.")
    Boolean autoLoopbackAddress;

    @Option(names = {"-p", "--protocol"}, paramLabel = "NAME", description = "Protocol handler: tcp, udp, ...")
    String protocol;

    @Option(names = "--remote-address", paramLabel = "HOST", description = "Host behind the relay (type proxy).")
    String remoteAddress;

    @Option(names = "--domain", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
            description = "Add a hosts entry alias -> local address.")
    Boolean domainEnabled;

    @Option(names = "--http-logs", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
            description = "Log the HTTP traffic of this forward.")
    Boolean httpLogsEnabled;

    @Option(names = "--auto-start", arity = "0..1", paramLabel = "BOOL", fallbackValue = "true",
            description = "Start with a headless or desktop runtime.")
    Boolean autoStart;

    @Option(names = "--group", paramLabel = "NAME",
            description = "List it under this group instead of its context (empty: no group).")
    String group;

    /**
     * @param builder a new or saved definition
     * @return the builder with every given flag applied
     */
    ForwardConfig.Builder applyTo(ForwardConfig.Builder builder) {
        set(cluster.kubeconfig, builder::kubeconfig);
        set(cluster.context, builder::context);
        set(cluster.namespace, builder::namespace);
        set(alias, builder::alias);
        if (workloadType != null) {
            builder.workloadType(workload(workloadType));
        }
        set(service, builder::service);
        set(target, builder::target);
        set(remotePort, builder::remotePort);
        set(localPort, builder::localPort);
        set(localAddress, builder::localAddress);
        set(autoLoopbackAddress, builder::autoLoopbackAddress);
        set(protocol, builder::protocol);
        set(remoteAddress, builder::remoteAddress);
        set(domainEnabled, builder::domainEnabled);
        set(httpLogsEnabled, builder::httpLogsEnabled);
        set(autoStart, builder::autoStart);
        set(group, builder::group);
        return builder;
    }

    private static WorkloadType workload(String name) {
        return WorkloadType.parse(name.trim()).orElseThrow(() -> new LauncherException(
                "--type must be one of " + java.util.Arrays.stream(WorkloadType.values()).map(WorkloadType::jsonName)
                        .collect(java.util.stream.Collectors.joining(", ")) + ", got '" + name + "'"));
    }

    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
