package app.kftray.metrics.internal;

import app.kftray.api.ProtocolHandler;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Tells which forwards go through the in-cluster relay, as the engine decides it: proxy workloads,
 * and every forward of a protocol whose handler declares {@value ProtocolHandler#NEEDS_RELAY}.
 */
final class RelayForwards implements Predicate<ForwardConfig> {
    private final Map<String, Boolean> needsRelay = new ConcurrentHashMap<>();

    /**
     * @param properties a protocol handler's service properties
     */
    void handlerAdded(Map<String, ?> properties) {
        Object protocol = properties.get(ProtocolHandler.PROTOCOL);
        if (protocol != null) {
            needsRelay.put(protocol.toString(), "true".equalsIgnoreCase(
                    String.valueOf(properties.get(ProtocolHandler.NEEDS_RELAY))));
        }
    }

    /**
     * @param properties a departing protocol handler's service properties
     */
    void handlerRemoved(Map<String, ?> properties) {
        Object protocol = properties.get(ProtocolHandler.PROTOCOL);
        if (protocol != null) {
            needsRelay.remove(protocol.toString());
        }
    }

    @Override
    public boolean test(ForwardConfig config) {
        return config.workloadType() == WorkloadType.PROXY
                || needsRelay.getOrDefault(config.protocol(), Boolean.FALSE);
    }
}
