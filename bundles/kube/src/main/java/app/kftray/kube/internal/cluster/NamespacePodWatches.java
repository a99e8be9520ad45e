package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess.PodWatcher;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pod watch per cluster and namespace, shared by every forward that follows a pod there: 500
 * forwards in ten namespaces hold ten watch connections to the API server, not 500, and choose their
 * pods from what those watches know instead of listing them 500 times. A watch is
 * opened by its first subscriber and closed with its last; one that breaks tells all of its
 * subscribers and is replaced by the next subscription.
 */
final class NamespacePodWatches {
    private final ClusterClients clusters;
    private final ClusterLiveness liveness;
    /** The watch of each namespace; guarded by itself. */
    private final Map<NamespaceKey, NamespacePodWatch> watches = new HashMap<>();

    /** A namespace of a cluster. */
    record NamespaceKey(ClusterRef cluster, String namespace) {
    }

    /**
     * @param clusters the bundle's client cache
     * @param liveness told of every subscription, so that a lost API server reaches each
     */
    NamespacePodWatches(ClusterClients clusters, ClusterLiveness liveness) {
        this.clusters = clusters;
        this.liveness = liveness;
        // a dropped client may end its watches without a word: none of them may take new subscribers
        clusters.whenForgotten(this::forgotten);
    }

    /**
     * Follows one pod on its namespace's shared watch, opening that watch if it is the first.
     *
     * @param pod     the pod
     * @param watcher told of its changes
     * @return ends the subscription (and the watch, if it was the last)
     * @throws app.kftray.api.KubeException when the watch cannot be opened
     */
    AutoCloseable subscribe(PodRef pod, PodWatcher watcher) {
        PodWatch subscriber = new PodWatch(pod, watcher);
        NamespacePodWatch shared = join(new NamespaceKey(pod.cluster(), pod.namespace()), subscriber);
        try {
            shared.open();
        } catch (RuntimeException e) {
            leave(shared, subscriber);
            throw e;
        }
        shared.catchUp(subscriber);
        liveness.add(pod.cluster(), subscriber);
        return () -> {
            liveness.remove(pod.cluster(), subscriber);
            leave(shared, subscriber);
        };
    }

    /**
     * @param cluster   a cluster
     * @param namespace a namespace of it
     * @return its pods, when a watch there knows them all (a forward follows a pod there); else empty
     */
    Optional<List<PodSummary>> pods(ClusterRef cluster, String namespace) {
        NamespacePodWatch shared;
        synchronized (watches) {
            shared = watches.get(new NamespaceKey(cluster, namespace));
        }
        return shared == null ? Optional.empty() : shared.pods();
    }

    /** @return how many namespace watches are open or opening */
    int size() {
        synchronized (watches) {
            return watches.size();
        }
    }

    private NamespacePodWatch join(NamespaceKey key, PodWatch subscriber) {
        synchronized (watches) {
            NamespacePodWatch shared = watches.computeIfAbsent(key,
                    k -> new NamespacePodWatch(k, clusters, this::broken));
            shared.add(subscriber);
            return shared;
        }
    }

    private void leave(NamespacePodWatch shared, PodWatch subscriber) {
        boolean last;
        synchronized (watches) {
            last = shared.remove(subscriber);
            if (last) {
                watches.remove(shared.key(), shared);
            }
        }
        if (last) {
            shared.close();
        }
    }

    private void forgotten(ClusterRef cluster) {
        List<NamespacePodWatch> dropped;
        synchronized (watches) {
            dropped = watches.values().stream().filter(w -> w.key().cluster().equals(cluster)).toList();
        }
        dropped.forEach(w -> w.onClose(null));
    }

    /** A watch broke: the next subscription opens a new one; the old one's subscribers are told by it. */
    private void broken(NamespacePodWatch shared) {
        synchronized (watches) {
            watches.remove(shared.key(), shared);
        }
    }
}
