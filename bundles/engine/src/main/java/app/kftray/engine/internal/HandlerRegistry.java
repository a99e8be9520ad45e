package app.kftray.engine.internal;

import app.kftray.api.ProtocolHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;

/**
 * The protocol handlers on the whiteboard, keyed by their {@value ProtocolHandler#PROTOCOL}
 * property, with the traits their service properties declare. When several serve one protocol,
 * the highest service ranking wins (then the oldest service), as the framework orders services.
 */
final class HandlerRegistry {
    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<String, List<Entry>> byProtocol = new ConcurrentHashMap<>();

    /**
     * A handler as the engine uses it.
     *
     * @param service    the handler
     * @param needsRelay whether it declares {@value ProtocolHandler#NEEDS_RELAY}: its forwards go
     *                   through the in-cluster relay
     */
    record Registered(ProtocolHandler service, boolean needsRelay) {
    }

    private record Entry(Registered handler, int ranking, long serviceId) {
    }

    /**
     * @param handler    a new handler
     * @param properties its service properties
     * @return the protocol it serves
     */
    String add(ProtocolHandler handler, Map<String, ?> properties) {
        String protocol = protocolOf(handler, properties);
        Entry entry = new Entry(new Registered(handler, flag(properties.get(ProtocolHandler.NEEDS_RELAY))),
                number(properties.get(Constants.SERVICE_RANKING), 0).intValue(),
                number(properties.get(Constants.SERVICE_ID), Long.MAX_VALUE).longValue());
        byProtocol.compute(protocol, (name, entries) -> {
            List<Entry> updated = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
            updated.add(entry);
            updated.sort(PREFERRED);
            return List.copyOf(updated);
        });
        return protocol;
    }

    /**
     * @param handler    a departing handler
     * @param properties its service properties
     * @return the protocol it served
     */
    String remove(ProtocolHandler handler, Map<String, ?> properties) {
        String protocol = protocolOf(handler, properties);
        byProtocol.computeIfPresent(protocol, (name, entries) -> {
            List<Entry> left = entries.stream().filter(e -> e.handler().service() != handler).toList();
            return left.isEmpty() ? null : left;
        });
        return protocol;
    }

    /**
     * @param protocol a protocol name
     * @return the handler to use for it now, with its traits
     */
    Optional<Registered> current(String protocol) {
        List<Entry> entries = byProtocol.get(protocol);
        return entries == null ? Optional.empty() : Optional.of(entries.get(0).handler());
    }

    /** @return the protocols with a handler, sorted */
    Set<String> protocols() {
        return new TreeSet<>(byProtocol.keySet());
    }

    private static String protocolOf(ProtocolHandler handler, Map<String, ?> properties) {
        Object named = properties.get(ProtocolHandler.PROTOCOL);
        String protocol = named != null ? named.toString() : handler.protocol();
        return protocol.trim().toLowerCase(Locale.ROOT);
    }

    /** A Boolean property, or its text as a property file or configuration may give it. */
    private static boolean flag(Object value) {
        return value != null && Boolean.parseBoolean(value.toString().trim());
    }

    private static Number number(Object value, Number fallback) {
        return value instanceof Number n ? n : fallback;
    }
}
