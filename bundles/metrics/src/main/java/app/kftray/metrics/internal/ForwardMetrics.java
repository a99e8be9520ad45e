package app.kftray.metrics.internal;

import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The series read at scrape time from the engine: each saved forward's status and the traffic
 * counters the engine keeps for it in this process. Counters restart from zero when a forward is
 * started again, which Prometheus reads as a counter reset.
 */
final class ForwardMetrics {
    private final ConfigCache configs;
    private final ForwardManager manager;
    private final Predicate<ForwardConfig> viaRelay;

    /**
     * @param configs  the saved forwards
     * @param manager  their states and counters in this process
     * @param viaRelay whether a forward's streams go through the in-cluster relay
     */
    ForwardMetrics(ConfigCache configs, ForwardManager manager, Predicate<ForwardConfig> viaRelay) {
        this.configs = configs;
        this.manager = manager;
        this.viaRelay = viaRelay;
    }

    /** @param registry where the series are registered */
    void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("kftray_forward_status")
                .help("1 for the forward's current status in this process, 0 for the others")
                .labelNames(ForwardLabels.names("status"))
                .callback(callback -> forEach((config, state) -> {
                    for (ForwardStatus status : ForwardStatus.values()) {
                        callback.call(state.status() == status ? 1 : 0, ForwardLabels.of(config, status.name()));
                    }
                }))
                .register(registry);
        gauge(registry, "kftray_forward_connections_open", "Local connections open now",
                ForwardCounters::activeConnections, config -> true);
        gauge(registry, "kftray_forward_relay_flows_open",
                "Streams open now through the in-cluster relay (udp peers, proxy connections)",
                ForwardCounters::activeConnections, viaRelay);
        counter(registry, "kftray_forward_connections", "Local connections accepted since the forward started",
                ForwardCounters::totalConnections);
        counter(registry, "kftray_forward_bytes_in", "Bytes from the cluster side delivered to local clients",
                ForwardCounters::bytesIn);
        counter(registry, "kftray_forward_bytes_out", "Bytes from local clients delivered to the cluster side",
                ForwardCounters::bytesOut);
        counter(registry, "kftray_forward_reconnects", "Recoveries from a lost pod or API server",
                ForwardCounters::reconnects);
    }

    private void gauge(PrometheusRegistry registry, String name, String help, ToLongFunction<ForwardCounters> value,
                       Predicate<ForwardConfig> which) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(ForwardLabels.NAMES)
                .callback(callback -> forEach((config, state) -> {
                    if (which.test(config)) {
                        callback.call(value.applyAsLong(state.counters()), ForwardLabels.of(config));
                    }
                }))
                .register(registry);
    }

    private void counter(PrometheusRegistry registry, String name, String help, ToLongFunction<ForwardCounters> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(ForwardLabels.NAMES)
                .callback(callback -> forEach((config, state) ->
                        callback.call(value.applyAsLong(state.counters()), ForwardLabels.of(config))))
                .register(registry);
    }

    private void forEach(Visitor visitor) {
        List<ForwardConfig> saved = configs.list();
        for (ForwardConfig config : saved) {
            visitor.visit(config, manager.status(config.id()));
        }
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(ForwardConfig config, ForwardState state);
    }
}
