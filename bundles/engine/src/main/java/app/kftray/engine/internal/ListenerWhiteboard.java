package app.kftray.engine.internal;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ForwardListener}s on the whiteboard, each with its optional
 * {@value ForwardListener#CONFIG_ID} filter. A failing listener is logged and skipped.
 */
final class ListenerWhiteboard {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerWhiteboard.class);
    /** Filter value of listeners that hear every forward. */
    private static final long EVERY_FORWARD = Long.MIN_VALUE;
    /** Filter value of listeners with an unreadable filter: they hear nothing. */
    private static final long NO_FORWARD = Long.MIN_VALUE + 1;

    private final Map<ForwardListener, Long> listeners = new ConcurrentHashMap<>();

    void add(ForwardListener listener, Map<String, ?> properties) {
        listeners.put(listener, filterOf(properties.get(ForwardListener.CONFIG_ID)));
    }

    void remove(ForwardListener listener) {
        listeners.remove(listener);
    }

    /** @param event delivered to every listener whose filter matches, on the calling thread */
    void deliver(ForwardEvent event) {
        listeners.forEach((listener, filter) -> {
            if (filter == EVERY_FORWARD || filter == event.configId()) {
                try {
                    listener.forwardEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("forward listener {} failed on {}", listener, event.type(), e);
                }
            }
        });
    }

    private static long filterOf(Object value) {
        if (value == null) {
            return EVERY_FORWARD;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            LOG.warn("ignoring forward listener: {}={} is not a config id", ForwardListener.CONFIG_ID, value);
            return NO_FORWARD;
        }
    }
}
