package app.kftray.kube.internal.cluster;

import app.kftray.api.model.ClusterRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Notices a lost API server while pods are watched. A watch connection that the server
 * drops is not always reported by the client, so every cluster with open watches is
 * asked for its version on a short interval. An error (refused, reset, an error status)
 * loses the cluster at once; a slow answer only when the next one is slow too, because a
 * busy machine (or API server) is not an outage and losing a cluster restarts its forwards.
 * One request per cluster, however many forwards it serves.
 */
final class ClusterLiveness implements AutoCloseable {
    /** How a cluster's API server answered. */
    enum Answer { ANSWERED, SLOW, FAILED }

    /** Slow answers in a row that count as an outage. */
    static final int SLOW_ANSWERS_LOST = 2;

    private final Map<ClusterRef, Set<PodWatch>> watches = new ConcurrentHashMap<>();
    private final Map<ClusterRef, Integer> slowInARow = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Function<ClusterRef, Answer> ask;
    private final Consumer<ClusterRef> onLost;

    /**
     * @param ask        asks a cluster's API server whether it responds (blocking, short timeout)
     * @param onLost     told of each cluster found lost, before its watches
     * @param intervalMs how often to ask
     */
    ClusterLiveness(Function<ClusterRef, Answer> ask, Consumer<ClusterRef> onLost, long intervalMs) {
        this.ask = ask;
        this.onLost = onLost;
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
            if (!entry.getValue().isEmpty() && lost(entry.getKey())) {
                onLost.accept(entry.getKey());
                entry.getValue().forEach(PodWatch::lost);
            }
        }
    }

    private boolean lost(ClusterRef cluster) {
        Answer answer = ask.apply(cluster);
        if (answer == Answer.SLOW && slowInARow.merge(cluster, 1, Integer::sum) < SLOW_ANSWERS_LOST) {
            return false;
        }
        slowInARow.remove(cluster);
        return answer != Answer.ANSWERED;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
