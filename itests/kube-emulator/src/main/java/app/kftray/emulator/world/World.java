package app.kftray.emulator.world;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.PodHandle;
import app.kftray.emulator.ServicePort;
import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster's state and its controllers: namespaces, services, pods with their local backends, pod
 * lifecycle (start, readiness, kill, restart) and the endpoints that follow readiness. Both the HTTP API and
 * the Java API go through here. Thread-safe: mutations are serialised on this object.
 */
public final class World {
    private final ResourceStore store;
    private final ScheduledExecutorService timer;
    private final EndpointsController endpoints;
    private final Addresses addresses = new Addresses();
    private final Map<String, Map<Integer, InetSocketAddress>> backendsByUid = new ConcurrentHashMap<>();
    private final List<Consumer<PodHandle>> podCreatedHooks = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> podGoneListeners = new CopyOnWriteArrayList<>();
    private volatile Duration defaultReadyDelay = Duration.ZERO;
    private final Deployments deployments;
    private final ConfigObjects configObjects = new ConfigObjects(this);
    private final Admission admission = new Admission();

    public World(ResourceStore store, ScheduledExecutorService timer) {
        this.store = store;
        this.timer = timer;
        this.endpoints = new EndpointsController(store);
        this.deployments = new Deployments(this, timer);
    }

    /** Deployments and their pods. */
    public Deployments deployments() {
        return deployments;
    }

    /** Secrets and Ingresses. */
    public ConfigObjects configObjects() {
        return configObjects;
    }

    /** Which creations the API refuses. */
    public Admission admission() {
        return admission;
    }

    /** Creates any writable kind, after the admission check. */
    public ObjectNode create(ResourceKind kind, ObjectNode object) throws ApiException {
        admission.checkCreate(kind, KubeObjects.namespace(object));
        return switch (kind) {
            case NAMESPACES -> createNamespace(object);
            case PODS -> createPod(object);
            case SERVICES -> createService(object);
            case DEPLOYMENTS -> deployments.create(object);
            case SECRETS, INGRESSES -> configObjects.create(kind, object);
            default -> throw ApiException.methodNotAllowed("POST");
        };
    }

    public ResourceStore store() {
        return store;
    }

    /** How long pods created through the API (and restarted pods without an explicit delay) stay not-ready. */
    public void defaultReadyDelay(Duration delay) {
        this.defaultReadyDelay = delay;
    }

    public Duration defaultReadyDelay() {
        return defaultReadyDelay;
    }

    /** Runs for every pod created through the API, before it starts: the place to attach a backend. */
    public void onPodCreated(Consumer<PodHandle> hook) {
        podCreatedHooks.add(hook);
    }

    /** Told the uid of every pod that is deleted, so open port-forwards to it can end. */
    public void onPodGone(Consumer<String> listener) {
        podGoneListeners.add(listener);
    }

    public synchronized void ensureNamespace(String name) {
        if (store.get(ResourceKind.NAMESPACES, "", name).isEmpty()) {
            try {
                createNamespace(Manifests.namespace(name));
            } catch (ApiException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    public synchronized ObjectNode createNamespace(ObjectNode manifest) throws ApiException {
        ObjectNode ns = manifest.deepCopy();
        Validation.name("Namespace", ns, true);
        KubeObjects.metadata(ns).remove("namespace");
        ns.putObject("spec").putArray("finalizers").add("kubernetes");
        ns.putObject("status").put("phase", "Active");
        return store.create(ResourceKind.NAMESPACES, ns);
    }

    /** Deletes the namespace and everything in it. */
    public synchronized ObjectNode deleteNamespace(String name) throws ApiException {
        ObjectNode ns = store.delete(ResourceKind.NAMESPACES, "", name);
        for (ObjectNode svc : store.list(ResourceKind.SERVICES, name, o -> true).items()) {
            deleteService(name, KubeObjects.name(svc));
        }
        for (ObjectNode pod : store.list(ResourceKind.PODS, name, o -> true).items()) {
            deletePod(name, KubeObjects.name(pod));
        }
        return ns;
    }

    public synchronized ObjectNode addService(String namespace, String name, Map<String, String> selector,
            List<ServicePort> ports) {
        return addService(namespace, name, selector, ports, Map.of());
    }

    /** A service as {@link #addService(String, String, Map, List)} with metadata annotations. */
    public synchronized ObjectNode addService(String namespace, String name, Map<String, String> selector,
            List<ServicePort> ports, Map<String, String> annotations) {
        ensureNamespace(namespace);
        try {
            ObjectNode manifest = Manifests.service(namespace, name, selector, ports);
            if (!annotations.isEmpty()) {
                manifest.withObjectProperty("metadata").set("annotations", KubeObjects.toObject(annotations));
            }
            return createService(manifest);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Validates, defaults (type, clusterIP, targetPort) and stores a service, then derives its endpoints. */
    public synchronized ObjectNode createService(ObjectNode manifest) throws ApiException {
        ObjectNode svc = manifest.deepCopy();
        String name = Validation.name("Service", svc, true);
        String namespace = requireNamespace(svc);
        Validation.service(name, svc);
        ObjectNode spec = svc.withObjectProperty("spec");
        if (!"None".equals(spec.path("clusterIP").asText()) && !"ExternalName".equals(spec.path("type").asText())) {
            String ip = addresses.nextClusterIp();
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        }
        svc.putObject("status").putObject("loadBalancer");
        ObjectNode stored = store.create(ResourceKind.SERVICES, svc);
        endpoints.reconcile(namespace);
        return stored;
    }

    public synchronized ObjectNode deleteService(String namespace, String name) throws ApiException {
        ObjectNode svc = store.delete(ResourceKind.SERVICES, namespace, name);
        endpoints.forget(svc);
        return svc;
    }

    /** A pod declared by a test: Running at once, Ready after {@code readyDelay}. */
    public synchronized PodHandle addPod(String namespace, String name, Map<String, String> labels,
            List<ContainerPort> ports, Map<Integer, InetSocketAddress> backends, Duration readyDelay) {
        ensureNamespace(namespace);
        ObjectNode manifest = Manifests.pod(namespace, name, labels, ports);
        try {
            return startPod(manifest, backends, readyDelay);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A pod created through the API: stored Pending, then the creation hooks run and it starts, Ready after
     * the default delay. Backends can be attached by a hook or later.
     */
    public synchronized ObjectNode createPod(ObjectNode manifest) throws ApiException {
        ObjectNode pod = manifest.deepCopy();
        String name = Validation.name("Pod", pod, false);
        requireNamespace(pod);
        Validation.pod(name, pod);
        PodStatus.apply(pod, "Pending", false, addresses.nextPodIp());
        ObjectNode stored = store.create(ResourceKind.PODS, pod);
        PodHandle handle = handle(stored);
        backendsByUid.put(handle.uid(), new ConcurrentHashMap<>());
        endpoints.reconcile(handle.namespace());
        timer.execute(() -> {
            podCreatedHooks.forEach(h -> h.accept(handle));
            markRunning(handle, defaultReadyDelay);
        });
        return stored;
    }

    public synchronized ObjectNode deletePod(String namespace, String name) throws ApiException {
        ObjectNode pod = store.delete(ResourceKind.PODS, namespace, name);
        String uid = KubeObjects.uid(pod);
        backendsByUid.remove(uid);
        endpoints.reconcile(namespace);
        podGoneListeners.forEach(l -> l.accept(uid));
        return pod;
    }

    /** Marks the pod ready or not; its services' endpoints follow. */
    public synchronized void setReady(PodHandle pod, boolean ready) {
        updatePod(pod, p -> PodStatus.apply(p, PodStatus.phase(p), ready, podIp(p)));
    }

    /**
     * Replaces a pod by a new incarnation (new name and uid, same labels and ports) on a new backend,
     * Ready after {@code readyDelay}, as a Deployment does when its pod dies.
     */
    public synchronized PodHandle restart(PodHandle pod, String newName, Map<Integer, InetSocketAddress> backends,
            Duration readyDelay) {
        ObjectNode old = store.get(ResourceKind.PODS, pod.namespace(), pod.name())
                .orElseThrow(() -> new IllegalArgumentException("no pod " + pod.namespace() + "/" + pod.name()));
        try {
            deletePod(pod.namespace(), pod.name());
            ObjectNode manifest = KubeObjects.JSON.createObjectNode();
            manifest.putObject("metadata").put("name", newName).put("namespace", pod.namespace())
                    .set("labels", old.path("metadata").path("labels").deepCopy());
            manifest.set("spec", old.path("spec").deepCopy());
            return startPod(manifest, backends, readyDelay);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The generated name a restarted pod gets: the old name's stem plus a random suffix. */
    public static String nextIncarnationName(String name) {
        String stem = name.matches(".*-[a-z0-9]{5}") ? name.substring(0, name.length() - 6) : name;
        return stem + "-" + Validation.randomSuffix();
    }

    /** Points a container port of a running pod at a local backend. */
    public void attachBackend(PodHandle pod, int port, InetSocketAddress backend) {
        Map<Integer, InetSocketAddress> backends = backendsByUid.get(pod.uid());
        if (backends == null) {
            throw new IllegalArgumentException("no pod with uid " + pod.uid());
        }
        backends.put(port, backend);
    }

    public Optional<PodHandle> pod(String namespace, String name) {
        return store.get(ResourceKind.PODS, namespace, name).map(World::handle);
    }

    /** The container port numbers the pod declares. */
    public List<Integer> containerPorts(PodHandle pod) {
        ObjectNode object = store.get(ResourceKind.PODS, pod.namespace(), pod.name())
                .orElseThrow(() -> new IllegalArgumentException("no pod " + pod.namespace() + "/" + pod.name()));
        List<Integer> ports = new java.util.ArrayList<>();
        for (JsonNode c : object.path("spec").path("containers")) {
            c.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        }
        return ports;
    }

    /** Where a port-forward to the named pod goes; 404 NotFound if there is no such pod. */
    public PortForwardTarget forwardTarget(String namespace, String name) throws ApiException {
        ObjectNode pod = store.get(ResourceKind.PODS, namespace, name)
                .orElseThrow(() -> ApiException.notFound("pods", name));
        String uid = KubeObjects.uid(pod);
        return new PortForwardTarget(namespace, name, uid, backendsByUid.getOrDefault(uid, Map.of()));
    }

    private PodHandle startPod(ObjectNode manifest, Map<Integer, InetSocketAddress> backends, Duration readyDelay)
            throws ApiException {
        ObjectNode pod = manifest.deepCopy();
        String name = Validation.name("Pod", pod, false);
        requireNamespace(pod);
        Validation.pod(name, pod);
        boolean readyNow = readyDelay.isZero();
        PodStatus.apply(pod, "Running", readyNow, addresses.nextPodIp());
        ObjectNode stored = store.create(ResourceKind.PODS, pod);
        PodHandle handle = handle(stored);
        backendsByUid.put(handle.uid(), new ConcurrentHashMap<>(backends));
        endpoints.reconcile(handle.namespace());
        if (!readyNow) {
            scheduleReady(handle, readyDelay);
        }
        return handle;
    }

    private synchronized void markRunning(PodHandle pod, Duration readyDelay) {
        boolean readyNow = readyDelay.isZero();
        if (updatePod(pod, p -> PodStatus.apply(p, "Running", readyNow, podIp(p))) && !readyNow) {
            scheduleReady(pod, readyDelay);
        }
    }

    private void scheduleReady(PodHandle pod, Duration delay) {
        timer.schedule(() -> setReady(pod, true), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies a change if this incarnation still exists; false when it is gone. */
    private boolean updatePod(PodHandle pod, java.util.function.UnaryOperator<ObjectNode> change) {
        Optional<ObjectNode> current = store.get(ResourceKind.PODS, pod.namespace(), pod.name());
        if (current.isEmpty() || !pod.uid().equals(KubeObjects.uid(current.get()))) {
            return false;
        }
        try {
            store.update(ResourceKind.PODS, pod.namespace(), pod.name(), change);
        } catch (ApiException e) {
            return false;
        }
        endpoints.reconcile(pod.namespace());
        return true;
    }

    private String requireNamespace(ObjectNode object) throws ApiException {
        String namespace = KubeObjects.namespace(object);
        if (store.get(ResourceKind.NAMESPACES, "", namespace).isEmpty()) {
            throw ApiException.notFound("namespaces", namespace);
        }
        return namespace;
    }

    private static String podIp(JsonNode pod) {
        return pod.path("status").path("podIP").asText();
    }

    private static PodHandle handle(ObjectNode pod) {
        return new PodHandle(KubeObjects.namespace(pod), KubeObjects.name(pod), KubeObjects.uid(pod));
    }

    /** Copies a backend map so later changes by the caller do not leak in. */
    public static Map<Integer, InetSocketAddress> backendsFor(List<ContainerPort> ports, InetSocketAddress backend) {
        Map<Integer, InetSocketAddress> map = new HashMap<>();
        ports.forEach(p -> map.put(p.containerPort(), backend));
        return map;
    }
}
