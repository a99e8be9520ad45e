package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.kube.internal.cluster.NamespacePodWatches.NamespaceKey;
import app.kftray.kube.internal.cluster.PodWatch.PodState;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pods of one namespace, listed once and then watched from that list's version, handing each
 * event to the subscribers following a pod of that name. It keeps what it knows of every pod there
 * ({@link PodSummary}, a few hundred bytes per pod): a forward starting in the namespace chooses its
 * pod from it instead of asking the API server, and a subscriber joining after an event, between
 * choosing its pod and subscribing, still hears that the pod went. A watch that broke is never read
 * again: its owner drops it and the next subscriber lists anew.
 */
final class NamespacePodWatch implements Watcher<PodView> {
    /** Deleted pods remembered for subscribers that chose them just before; older ones are forgotten. */
    private static final int DELETED_REMEMBERED = 256;

    private final NamespaceKey key;
    private final ClusterClients clusters;
    private final Consumer<NamespacePodWatch> onBroken;
    /** Serialises opening and closing, which talk to the API server, apart from event delivery. */
    private final Object opening = new Object();
    private Watch watch;
    private boolean closed;
    // guarded by this
    private final Map<String, Set<PodWatch>> subscribers = new HashMap<>();
    /** Every pod of the namespace, by name, once {@link #synced}. */
    private final Map<String, PodSummary> seen = new HashMap<>();
    private final Map<String, PodState> deleted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PodState> eldest) {
            return size() > DELETED_REMEMBERED;
        }
    };
    private boolean broken;
    /** Whether {@link #seen} holds the whole namespace: listed, and watched from the list's version. */
    private boolean synced;

    NamespacePodWatch(NamespaceKey key, ClusterClients clusters, Consumer<NamespacePodWatch> onBroken) {
        this.key = key;
        this.clusters = clusters;
        this.onBroken = onBroken;
    }

    NamespaceKey key() {
        return key;
    }

    synchronized void add(PodWatch subscriber) {
        subscribers.computeIfAbsent(subscriber.pod().name(), n -> new LinkedHashSet<>()).add(subscriber);
    }

    /** @return whether it was the last subscriber */
    synchronized boolean remove(PodWatch subscriber) {
        String name = subscriber.pod().name();
        Set<PodWatch> named = subscribers.get(name);
        if (named != null && named.remove(subscriber) && named.isEmpty()) {
            subscribers.remove(name);
        }
        return subscribers.isEmpty();
    }

    /**
     * Opens the watch unless it is open; later subscribers wait for the first one's attempt.
     *
     * @throws KubeException when it cannot be opened, or it broke meanwhile
     */
    void open() {
        synchronized (opening) {
            if (watch == null && !closed) {
                watch = clusters.call(key.cluster(), "list and watch pods in namespace " + key.namespace(),
                        client -> {
                            var inNamespace = PodView.in(client, key.namespace());
                            PodView.ListOf pods = inNamespace.list();
                            listed(pods.getItems());
                            return inNamespace.watch(pods.getMetadata().getResourceVersion(), this);
                        });
                synchronized (this) {
                    synced = !broken;
                }
            }
        }
        synchronized (this) {
            if (broken) {
                throw new KubeException(KubeException.Reason.UNREACHABLE, "lost the watch on the pods of namespace "
                        + key.namespace() + "; the API server may be unreachable", null);
            }
        }
    }

    /** Tells a new subscriber what the watch saw of its pod before it joined, if anything. */
    synchronized void catchUp(PodWatch subscriber) {
        String uid = subscriber.pod().uid();
        PodState gone = uid == null ? null : deleted.get(uid);
        PodSummary current = seen.get(subscriber.pod().name());
        if (gone != null) {
            subscriber.seen(gone);
        } else if (current != null) {
            subscriber.seen(current.state());
        }
        // a pod it does not know yet may be newer than its last event (a relay pod just created): nothing to say
    }

    /**
     * @return every pod of the namespace as the watch knows it, or empty when it does not know them all
     *     (not listed yet, or broken)
     */
    synchronized Optional<List<PodSummary>> pods() {
        return synced && !broken ? Optional.of(List.copyOf(seen.values())) : Optional.empty();
    }

    private synchronized void listed(List<PodView> pods) {
        for (PodView pod : pods) {
            if (pod.getMetadata() != null && pod.getMetadata().getName() != null) {
                seen.put(pod.getMetadata().getName(), PodSummary.of(pod));
            }
        }
    }

    /** Closes the watch; its last subscriber left. */
    void close() {
        synchronized (this) {
            synced = false;
        }
        synchronized (opening) {
            closed = true;
            if (watch != null) {
                watch.close();
                watch = null;
            }
        }
    }

    @Override
    public void eventReceived(Action action, PodView pod) {
        if (pod.getMetadata() == null || pod.getMetadata().getName() == null) {
            return;
        }
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        boolean gone = action == Action.DELETED;
        if (!gone && action != Action.ADDED && action != Action.MODIFIED) {
            return;
        }
        PodSummary summary = PodSummary.of(pod);
        PodState state = gone ? new PodState(uid, true, false) : summary.state();
        List<PodWatch> told;
        synchronized (this) {
            if (gone) {
                PodSummary current = seen.get(name);
                if (current != null && (uid == null || uid.equals(current.uid()))) {
                    seen.remove(name);
                }
                if (uid != null) {
                    deleted.put(uid, state);
                }
            } else {
                seen.put(name, summary);
            }
            told = new ArrayList<>(subscribers.getOrDefault(name, Set.of()));
        }
        told.forEach(subscriber -> subscriber.seen(state));
    }

    /** @param cause why the watch ended; {@code null} when its client was dropped */
    @Override
    public void onClose(WatcherException cause) {
        // the client does not reconnect (reconnect limit 0): every subscriber's engine decides how to recover
        List<PodWatch> told = new ArrayList<>();
        synchronized (this) {
            broken = true;
            synced = false;
            seen.clear(); // what it knew may be stale from now on
            subscribers.values().forEach(told::addAll);
        }
        onBroken.accept(this);
        told.forEach(PodWatch::lost);
    }
}
