package app.kftray.relay.deploy.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.KftrayException;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for relay pods left by a crashed run in every namespace a saved forward could have
 * deployed one to, in the background so that an unreachable cluster does not hold up start-up.
 * A forward could have one if it is a proxy workload, or if the handler of its protocol declares
 * {@value ProtocolHandler#NEEDS_RELAY} (as udp does), which this sweep learns from the handlers'
 * service properties as they come and go.
 *
 * <p>A forward whose protocol has no handler registered yet is left until one arrives: handlers
 * usually register moments later in the same start-up, and a protocol bundle installed later
 * declares its trait the same way, so each arrival of a handler that needs the relay sweeps the
 * namespaces of its forwards then. Guessing instead would either list pods in the namespace of
 * every tcp forward that starts before its handler, or miss the udp ones. A protocol whose handler
 * never comes ran no relay in this process; a leftover of its forwards is still removed when the
 * forward next deploys its relay (a name clash with an own leftover is cleaned up) or by a later
 * run that has the handler. Each namespace is swept once per run.
 */
final class StartupSweep {
    private static final Logger LOG = LoggerFactory.getLogger(StartupSweep.class);

    private final ConfigStore configs;
    private final RelayManager relays;
    /** One thread at most, gone when idle: the passes run in order. */
    private final ThreadPoolExecutor worker;
    /** The registered handlers' protocols and traits, each with how many handlers declare it. */
    private final Map<Handler, Integer> handlers = new ConcurrentHashMap<>();
    /** Touched only by the worker. */
    private final Set<Place> swept = new LinkedHashSet<>();

    private StartupSweep(ConfigStore configs, RelayManager relays) {
        this.configs = configs;
        this.relays = relays;
        this.worker = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "kftray-relay-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        worker.allowCoreThreadTimeOut(true);
    }

    /**
     * @param configs the saved forwards, to know where to look
     * @param relays  removes the leftovers of a namespace
     * @return the sweep, its first pass (proxy workloads and known relayed protocols) under way
     */
    static StartupSweep start(ConfigStore configs, RelayManager relays) {
        StartupSweep sweep = new StartupSweep(configs, relays);
        sweep.worker.execute(sweep::pass);
        return sweep;
    }

    /** @param properties service properties of a protocol handler that arrived */
    void handlerAdded(Map<String, ?> properties) {
        Handler handler = Handler.of(properties);
        if (handler == null) {
            return;
        }
        handlers.merge(handler, 1, Integer::sum);
        if (handler.needsRelay()) {
            try {
                worker.execute(this::pass);
            } catch (RejectedExecutionException stopped) {
                // the component is going away
            }
        }
    }

    /** @param properties service properties of a protocol handler that left */
    void handlerRemoved(Map<String, ?> properties) {
        Handler handler = Handler.of(properties);
        if (handler != null) {
            handlers.computeIfPresent(handler, (h, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Interrupts a sweep still running; later handlers sweep nothing. */
    void stop() {
        worker.shutdownNow();
    }

    private void pass() {
        Set<Place> places = new LinkedHashSet<>();
        try {
            for (ForwardConfig config : configs.list()) {
                if (mayHaveRelay(config)) {
                    places.add(new Place(ClusterRef.of(config), config.namespace()));
                }
            }
        } catch (KftrayException e) {
            LOG.warn("cannot read the saved forwards to look for leftover relay pods: {}", e.getMessage());
            return;
        }
        for (Place place : places) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (swept.add(place)) {
                removeOrphans(place);
            }
        }
    }

    private boolean mayHaveRelay(ForwardConfig config) {
        return config.workloadType() == WorkloadType.PROXY || config.workloadType() == WorkloadType.EXPOSE
                || handlers.containsKey(new Handler(config.protocol(), true));
    }

    private void removeOrphans(Place place) {
        try {
            int removed = relays.removeOrphans(place.cluster(), place.namespace());
            if (removed > 0) {
                LOG.info("removed {} leftover relay pod(s) in namespace {}", removed, place.namespace());
            }
        } catch (KftrayException e) {
            LOG.info("cannot look for leftover relay pods in namespace {}: {}", place.namespace(), e.getMessage());
        }
    }

    private record Place(ClusterRef cluster, String namespace) {
    }

    /** What a handler's service properties say: its protocol, named as the engine matches it, and the trait. */
    private record Handler(String protocol, boolean needsRelay) {
        /** @return the handler, or {@code null} when it names no protocol in its properties */
        static Handler of(Map<String, ?> properties) {
            Object protocol = properties.get(ProtocolHandler.PROTOCOL);
            if (protocol == null) {
                return null;
            }
            Object needsRelay = properties.get(ProtocolHandler.NEEDS_RELAY);
            return new Handler(protocol.toString().trim().toLowerCase(Locale.ROOT),
                    needsRelay != null && Boolean.parseBoolean(needsRelay.toString().trim()));
        }
    }
}
