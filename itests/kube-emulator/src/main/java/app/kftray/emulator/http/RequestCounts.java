package app.kftray.emulator.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many resource requests the server took, by RBAC verb and resource ({@code "list pods"},
 * {@code "get services"}, {@code "create pods/portforward"}): what a client costs an API server.
 */
public final class RequestCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String verb, String resource, String subresource) {
        String key = verb + " " + resource + (subresource == null ? "" : "/" + subresource);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** @return the counts so far, by key in alphabetical order */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
