package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The API server's object store: objects by kind, namespace and name, one global resourceVersion, a
 * bounded event history for watches that resume from a version, and live watchers. Thread-safe; stored
 * objects are never mutated after they are stored, so callers may read them freely but must not change them.
 */
public final class ResourceStore {
    private final Object lock = new Object();
    private final Map<ResourceKind, Map<String, ObjectNode>> objects = new EnumMap<>(ResourceKind.class);
    private final Deque<StoredEvent> history = new ArrayDeque<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    /** Watches ever started, by kind: a client that opens one per object shows here even if it closes them. */
    private final Map<ResourceKind, Long> watchesStarted = new EnumMap<>(ResourceKind.class);
    private final int historyLimit;
    private long resourceVersion = 1000;
    /** Every event up to this version has been dropped from the history. */
    private long compactedThrough = resourceVersion;

    /** @param historyLimit how many events a watch can resume across before it gets 410 Expired */
    public ResourceStore(int historyLimit) {
        this.historyLimit = historyLimit;
        for (ResourceKind kind : ResourceKind.values()) {
            objects.put(kind, new TreeMap<>());
        }
    }

    /** A list result: matching objects in name order and the version the list is consistent with. */
    public record ListResult(List<ObjectNode> items, long resourceVersion) {
    }

    /** Stores a new object, stamping uid, resourceVersion and creationTimestamp; 409 if the name is taken. */
    public ObjectNode create(ResourceKind kind, ObjectNode object) throws ApiException {
        synchronized (lock) {
            String key = key(KubeObjects.namespace(object), KubeObjects.name(object));
            if (objects.get(kind).containsKey(key)) {
                throw ApiException.alreadyExists(kind.plural(), KubeObjects.name(object));
            }
            ObjectNode stored = object.deepCopy();
            stored.put("kind", kind.kind());
            stored.put("apiVersion", kind.apiVersion());
            ObjectNode meta = KubeObjects.metadata(stored);
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", KubeObjects.now());
            return commit(kind, key, "ADDED", stored, null);
        }
    }

    /**
     * Replaces an object with what {@code change} makes of a copy of it; no event and no new version when
     * nothing changed.
     */
    public ObjectNode update(ResourceKind kind, String namespace, String name, UnaryOperator<ObjectNode> change)
            throws ApiException {
        synchronized (lock) {
            String key = key(namespace, name);
            ObjectNode current = objects.get(kind).get(key);
            if (current == null) {
                throw ApiException.notFound(kind.plural(), name);
            }
            ObjectNode next = change.apply(current.deepCopy());
            KubeObjects.metadata(next).set("resourceVersion", current.path("metadata").path("resourceVersion"));
            if (next.equals(current)) {
                return current;
            }
            return commit(kind, key, "MODIFIED", next, current);
        }
    }

    /** Creates the object or, if it exists, replaces its content while keeping uid and creation time. */
    public ObjectNode upsert(ResourceKind kind, ObjectNode object) throws ApiException {
        synchronized (lock) {
            String namespace = KubeObjects.namespace(object);
            String name = KubeObjects.name(object);
            if (!objects.get(kind).containsKey(key(namespace, name))) {
                return create(kind, object);
            }
            return update(kind, namespace, name, current -> {
                ObjectNode next = object.deepCopy();
                next.put("kind", kind.kind());
                next.put("apiVersion", kind.apiVersion());
                ObjectNode meta = KubeObjects.metadata(next);
                meta.set("uid", current.path("metadata").path("uid"));
                meta.set("creationTimestamp", current.path("metadata").path("creationTimestamp"));
                return next;
            });
        }
    }

    /** Removes an object and returns its last state; 404 if absent. */
    public ObjectNode delete(ResourceKind kind, String namespace, String name) throws ApiException {
        synchronized (lock) {
            String key = key(namespace, name);
            ObjectNode current = objects.get(kind).remove(key);
            if (current == null) {
                throw ApiException.notFound(kind.plural(), name);
            }
            ObjectNode last = current.deepCopy();
            return commitDeletion(kind, last);
        }
    }

    public Optional<ObjectNode> get(ResourceKind kind, String namespace, String name) {
        synchronized (lock) {
            return Optional.ofNullable(objects.get(kind).get(key(namespace, name)));
        }
    }

    /** Objects of a kind in one namespace, or in all when {@code namespace} is null. */
    public ListResult list(ResourceKind kind, String namespace, Predicate<? super ObjectNode> filter) {
        synchronized (lock) {
            List<ObjectNode> items = new ArrayList<>();
            for (ObjectNode o : objects.get(kind).values()) {
                if ((namespace == null || namespace.equals(KubeObjects.namespace(o))) && filter.test(o)) {
                    items.add(o);
                }
            }
            return new ListResult(items, resourceVersion);
        }
    }

    /**
     * Starts a watch. With no version (or "0") the listener first gets a synthetic ADDED for every matching
     * object; with a version it gets every later event from the history, or 410 Expired if those were dropped.
     */
    public AutoCloseable watch(ResourceKind kind, String namespace, Predicate<? super ObjectNode> filter,
            String fromVersion, WatchListener listener) throws ApiException {
        synchronized (lock) {
            Watch watch = new Watch(kind, namespace, filter, listener);
            if (fromVersion == null || fromVersion.isEmpty() || "0".equals(fromVersion)) {
                list(kind, namespace, filter).items().forEach(o -> listener.onEvent("ADDED", o));
            } else {
                long from = parseVersion(fromVersion);
                if (from < compactedThrough) {
                    throw ApiException.expired(from, compactedThrough + 1);
                }
                for (StoredEvent e : history) {
                    if (e.resourceVersion() > from) {
                        watch.deliver(e);
                    }
                }
            }
            watches.add(watch);
            watchesStarted.merge(kind, 1L, Long::sum);
            return () -> watches.remove(watch);
        }
    }

    /** @return the watches of a kind open now */
    public int openWatches(ResourceKind kind) {
        return (int) watches.stream().filter(w -> w.kind() == kind).count();
    }

    /** @return the watches of a kind started since the store was made, closed ones included */
    public long watchesStarted(ResourceKind kind) {
        synchronized (lock) {
            return watchesStarted.getOrDefault(kind, 0L);
        }
    }

    public long resourceVersion() {
        synchronized (lock) {
            return resourceVersion;
        }
    }

    private static long parseVersion(String version) throws ApiException {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: \"" + version + "\"");
        }
    }

    private ObjectNode commit(ResourceKind kind, String key, String type, ObjectNode object, ObjectNode previous) {
        resourceVersion++;
        KubeObjects.metadata(object).put("resourceVersion", Long.toString(resourceVersion));
        objects.get(kind).put(key, object);
        record(new StoredEvent(resourceVersion, type, kind, KubeObjects.namespace(object), object, previous));
        return object;
    }

    private ObjectNode commitDeletion(ResourceKind kind, ObjectNode last) {
        resourceVersion++;
        KubeObjects.metadata(last).put("resourceVersion", Long.toString(resourceVersion));
        record(new StoredEvent(resourceVersion, "DELETED", kind, KubeObjects.namespace(last), last, null));
        return last;
    }

    private void record(StoredEvent event) {
        history.addLast(event);
        while (history.size() > historyLimit) {
            compactedThrough = history.removeFirst().resourceVersion();
        }
        for (Watch w : watches) {
            w.deliver(event);
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private record Watch(ResourceKind kind, String namespace, Predicate<? super ObjectNode> filter,
            WatchListener listener) {
        void deliver(StoredEvent e) {
            if (e.kind() != kind || (namespace != null && !namespace.equals(e.namespace()))) {
                return;
            }
            String type = e.typeFor(filter);
            if (type != null) {
                listener.onEvent(type, e.object());
            }
        }
    }
}
