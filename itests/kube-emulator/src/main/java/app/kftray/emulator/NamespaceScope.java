package app.kftray.emulator;

import app.kftray.emulator.world.World;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Declares objects in one namespace, fluently: {@code kube.namespace("dev").service(...).pod(...)}. */
public final class NamespaceScope {
    private final World world;
    private final String namespace;

    NamespaceScope(World world, String namespace) {
        this.world = world;
        this.namespace = namespace;
        world.ensureNamespace(namespace);
    }

    public String name() {
        return namespace;
    }

    /** A ClusterIP service selecting pods by {@code selector}; its endpoints follow the pods' readiness. */
    public NamespaceScope service(String name, Map<String, String> selector, List<ServicePort> ports) {
        world.addService(namespace, name, selector, ports);
        return this;
    }

    /** A service as {@link #service(String, Map, List)} with metadata annotations (such as kftray's auto-import ones). */
    public NamespaceScope service(String name, Map<String, String> selector, List<ServicePort> ports,
            Map<String, String> annotations) {
        world.addService(namespace, name, selector, ports, annotations);
        return this;
    }

    /**
     * The usual app of a test: service {@code name} (port 80 "http" to container port 8080)
     * selecting {@code app=name}, and its Ready pod {@code name-1}, served by {@code backend}.
     */
    public NamespaceScope app(String name, InetSocketAddress backend) {
        return service(name, Map.of("app", name), List.of(ServicePort.port(80, "http", 8080)))
                .pod(name + "-1", Map.of("app", name), List.of(ContainerPort.containerPort("http", 8080)), backend);
    }

    /** A Running, Ready pod whose every container port leads to {@code backend}. */
    public NamespaceScope pod(String name, Map<String, String> labels, List<ContainerPort> ports,
            InetSocketAddress backend) {
        addPod(name, labels, ports, World.backendsFor(ports, backend), Duration.ZERO);
        return this;
    }

    /** A Running, Ready pod with a backend per container port (ports left out refuse connections). */
    public NamespaceScope pod(String name, Map<String, String> labels, List<ContainerPort> ports,
            Map<Integer, InetSocketAddress> backends) {
        addPod(name, labels, ports, backends, Duration.ZERO);
        return this;
    }

    /** Like {@link #pod(String, Map, List, InetSocketAddress)} but returning its handle, Ready after a delay. */
    public PodHandle addPod(String name, Map<String, String> labels, List<ContainerPort> ports,
            Map<Integer, InetSocketAddress> backends, Duration readyDelay) {
        return world.addPod(namespace, name, labels, ports, backends, readyDelay);
    }
}
