package app.kftray.kube.internal;

import app.kftray.api.model.ClusterRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Notices a lost API server while pods are watched. A watch connection that the server
 * drops is not always reported by the client, so every cluster with open watches is
 * asked for its version on a short interval; when that fails, its watches are told.
 * One request per cluster, however many forwards it serves.
 */
final class ClusterLiveness implements AutoCloseable {
    private final Map<ClusterRef, Set<PodWatch>> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Predicate<ClusterRef> reachable;

    /**
     * @param reachable  answers whether a cluster's API server responds (blocking, short timeout)
     * @param intervalMs how often to ask
     */
    ClusterLiveness(Predicate<ClusterRef> reachable, long intervalMs) {
        this.reachable = reachable;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kftray-cluster-liveness");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void add(ClusterRef cluster, PodWatch watch) {
        watches.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet()).add(watch);
    }

    void remove(ClusterRef cluster, PodWatch watch) {
        watches.computeIfPresent(cluster, (c, set) -> {
            set.remove(watch);
            return set.isEmpty() ? null : set;
        });
    }

    private void check() {
        for (Map.Entry<ClusterRef, Set<PodWatch>> entry : watches.entrySet()) {
            if (!entry.getValue().isEmpty() && !reachable.test(entry.getKey())) {
                entry.getValue().forEach(PodWatch::lost);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
