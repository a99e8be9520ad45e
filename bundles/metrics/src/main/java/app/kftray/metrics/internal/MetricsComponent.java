package app.kftray.metrics.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.KftrayException;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ListenEndpoint;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics endpoint of this runtime, when one is asked for ({@code --metrics} or the
 * setting): Prometheus series of every forward and of the JVM, and the health and readiness
 * probes. It hears the engine's events as a {@link ForwardListener}; without an address it
 * serves nothing and counts nothing.
 */
@Component(service = ForwardListener.class, immediate = true)
public final class MetricsComponent implements ForwardListener {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsComponent.class);

    private final RelayForwards relayForwards = new RelayForwards();
    private final EventMetrics events;
    private final HttpEndpoint endpoint;

    /**
     * @param context  this bundle's context, for the runtime's {@code --metrics} address
     * @param configs  the saved forwards and settings
     * @param manager  the forwards' states and counters
     * @param network  the shared event loops
     */
    @Activate
    public MetricsComponent(BundleContext context, @Reference ConfigStore configs,
                            @Reference ForwardManager manager, @Reference NetworkRuntime network) {
        Optional<ListenEndpoint> address = address(context, configs);
        if (address.isEmpty()) {
            events = null;
            endpoint = null;
            return;
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        ConfigCache saved = new ConfigCache(configs);
        saved.list();
        new ForwardMetrics(saved, manager, relayForwards).register(registry);
        events = new EventMetrics(registry, saved, relayForwards);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        endpoint = listen(address.get(), network, new ProbeRoutes(registry, new Readiness(configs, manager)));
    }

    private static Optional<ListenEndpoint> address(BundleContext context, ConfigStore configs) {
        try {
            return EndpointChoice.choose(context::getProperty, configs);
        } catch (IllegalArgumentException e) {
            LOG.error("metrics endpoint not started: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static HttpEndpoint listen(ListenEndpoint address, NetworkRuntime network, ProbeRoutes routes) {
        try {
            HttpEndpoint bound = HttpEndpoint.bind(address, network.group(), routes);
            String url = "http://" + new ListenEndpoint(bound.boundAddress().getAddress().getHostAddress(),
                    bound.boundAddress().getPort());
            LOG.info("metrics endpoint listening on {}/metrics (probes {}/healthz, {}/readyz)", url, url, url);
            return bound;
        } catch (KftrayException e) {
            LOG.error("metrics endpoint not started: {}", e.getMessage());
            return null;
        }
    }

    /**
     * @param handler    a protocol handler
     * @param properties its service properties (protocol, needs relay)
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ProtocolHandler handler, Map<String, Object> properties) {
        relayForwards.handlerAdded(properties);
    }

    void removeHandler(ProtocolHandler handler, Map<String, Object> properties) {
        relayForwards.handlerRemoved(properties);
    }

    @Override
    public void forwardEvent(ForwardEvent event) {
        if (events != null) {
            events.count(event);
        }
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            LOG.info("metrics endpoint closed");
        }
    }
}
