package app.kftray.engine.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster of one namespace whose pods (each a loopback backend port) can be added,
 * deleted, made unready, or cut off together with the API server.
 */
final class FakeCluster implements KubeAccess {
    private static final ClusterRef CLUSTER = new ClusterRef(null, "fake");

    private record Pod(PodRef ref, String service, int port, boolean ready) {
    }

    private record Watch(PodRef pod, PodWatcher watcher) {
    }

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final Set<String> services = ConcurrentHashMap.newKeySet();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;

    /** Adds a ready pod of {@code service} served by the backend on {@code port}. */
    void addPod(String service, String name, int port) {
        services.add(service);
        pods.put(name, new Pod(new PodRef(CLUSTER, "default", name, UUID.randomUUID().toString()), service, port,
                true));
    }

    void deletePod(String name) {
        Pod pod = pods.remove(name);
        notify(pod.ref(), PodChange.DELETED);
    }

    void ready(String name, boolean ready) {
        Pod pod = pods.computeIfPresent(name, (n, p) -> new Pod(p.ref(), p.service(), p.port(), ready));
        notify(pod.ref(), ready ? PodChange.READY : PodChange.NOT_READY);
    }

    /** The API server goes away: watches break and nothing resolves. */
    void loseApi() {
        reachable = false;
        watches.forEach(w -> w.watcher().changed(w.pod(), PodChange.WATCH_LOST));
    }

    void restoreApi() {
        reachable = true;
    }

    /** @return watches open right now */
    int openWatches() {
        return watches.size();
    }

    @Override
    public ResolvedTarget resolve(ForwardConfig config) {
        requireReachable();
        List<Pod> candidates = pods.values().stream().filter(p -> p.service().equals(config.service()))
                .sorted((a, b) -> a.ref().name().compareTo(b.ref().name())).toList();
        if (!services.contains(config.service())) {
            throw new KubeException(Reason.NOT_FOUND, "service '" + config.service() + "' not found in namespace "
                    + config.namespace(), null);
        }
        return candidates.stream().filter(Pod::ready).findFirst()
                .map(p -> new ResolvedTarget(p.ref(), p.port()))
                .orElseThrow(() -> new KubeException(Reason.NOT_READY,
                        "no ready pod behind service '" + config.service() + "'", null));
    }

    @Override
    public AutoCloseable watch(PodRef pod, PodWatcher watcher) {
        requireReachable();
        Watch watch = new Watch(pod, watcher);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    private void notify(PodRef pod, PodChange change) {
        watches.stream().filter(w -> w.pod().equals(pod)).forEach(w -> w.watcher().changed(pod, change));
    }

    private void requireReachable() {
        if (!reachable) {
            throw new KubeException(Reason.UNREACHABLE, "the API server of context 'fake' is unreachable", null);
        }
    }

    @Override
    public List<KubeContext> contexts(String kubeconfig) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> namespaces(ClusterRef cluster) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ServiceInfo> services(ClusterRef cluster, String namespace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PodInfo> pods(ClusterRef cluster, String namespace, String labelSelector) {
        throw new UnsupportedOperationException();
    }
}
