package app.kftray.emulator;

import app.kftray.emulator.store.KubeObjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The standalone server's world file:
 * <pre>{@code
 * {"namespaces": [{"name": "dev",
 *   "services": [{"name": "web", "selector": {"app": "web"},
 *                 "ports": [{"port": 80, "name": "http", "targetPort": 8080}]}],
 *   "pods": [{"name": "web-1", "labels": {"app": "web"},
 *             "ports": [{"name": "http", "containerPort": 8080}], "backend": "127.0.0.1:9000"}]}]}
 * }</pre>
 */
public record WorldFile(List<Namespace> namespaces) {

    /** One namespace with its services and pods. */
    public record Namespace(String name, List<Service> services, List<Pod> pods) {
    }

    /** A service; {@code targetPort} is a number or a port name. */
    public record Service(String name, Map<String, String> selector, List<Port> ports) {
    }

    /** A service port. */
    public record Port(int port, String name, Object targetPort) {
    }

    /** A pod and the {@code host:port} its container ports lead to. */
    public record Pod(String name, Map<String, String> labels, List<ContainerPortEntry> ports, String backend) {
    }

    /** A container port. */
    public record ContainerPortEntry(String name, int containerPort) {
    }

    public static WorldFile read(Path file) throws IOException {
        return KubeObjects.JSON.readValue(file.toFile(), WorldFile.class);
    }

    /** Declares everything in the file on the emulator. */
    public void applyTo(KubeEmulator emulator) {
        for (Namespace ns : nonNull(namespaces)) {
            NamespaceScope scope = emulator.namespace(ns.name());
            for (Service s : nonNull(ns.services())) {
                List<ServicePort> ports = nonNull(s.ports()).stream().map(WorldFile::servicePort).toList();
                scope.service(s.name(), s.selector() == null ? Map.of() : s.selector(), ports);
            }
            for (Pod p : nonNull(ns.pods())) {
                List<ContainerPort> ports = nonNull(p.ports()).stream()
                        .map(c -> new ContainerPort(c.name(), c.containerPort(), "TCP")).toList();
                scope.pod(p.name(), p.labels() == null ? Map.of() : p.labels(), ports, parseHostPort(p.backend()));
            }
        }
    }

    private static ServicePort servicePort(Port p) {
        Object target = p.targetPort() == null ? Integer.valueOf(p.port()) : p.targetPort();
        return target instanceof Number n ? ServicePort.port(p.port(), p.name(), n.intValue())
                : ServicePort.port(p.port(), p.name(), target.toString());
    }

    /** {@code host:port} or {@code [v6]:port}. */
    static InetSocketAddress parseHostPort(String hostPort) {
        if (hostPort == null) {
            throw new IllegalArgumentException("a pod needs a backend host:port");
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("backend must be host:port, got \"" + hostPort + "\"");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
