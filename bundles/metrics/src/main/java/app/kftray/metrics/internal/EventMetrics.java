package app.kftray.metrics.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The series counted from the engine's events while this bundle runs: errors, the time each
 * stream to the target took to open, and the flows opened through the relay. Like any
 * Prometheus counter they start at zero when the endpoint starts.
 */
final class EventMetrics {
    /** Seconds; a port-forward stream opens in milliseconds on a LAN, in seconds over a slow API server. */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
        5, 10};

    private final LongFunction<Optional<ForwardConfig>> configs;
    private final Predicate<ForwardConfig> viaRelay;
    private final Counter errors;
    private final Histogram connectLatency;
    private final Counter relayFlows;

    /**
     * @param registry where the series are registered
     * @param configs  the saved forward of a config id
     * @param viaRelay whether a forward's streams go through the in-cluster relay
     */
    EventMetrics(PrometheusRegistry registry, LongFunction<Optional<ForwardConfig>> configs,
                 Predicate<ForwardConfig> viaRelay) {
        this.configs = configs;
        this.viaRelay = viaRelay;
        this.errors = Counter.builder().name("kftray_forward_errors")
                .help("Errors of a forward that did not stop it (a connection refused, a stream failed) and failures")
                .labelNames(ForwardLabels.NAMES).withoutExemplars().register(registry);
        this.connectLatency = Histogram.builder().name("kftray_forward_connect_duration_seconds").unit(Unit.SECONDS)
                .help("Time from a client's arrival until its stream to the target was open")
                .labelNames(ForwardLabels.NAMES).classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars().register(registry);
        this.relayFlows = Counter.builder().name("kftray_forward_relay_flows")
                .help("Streams opened through the in-cluster relay (udp peers, proxy connections)")
                .labelNames(ForwardLabels.NAMES).withoutExemplars().register(registry);
    }

    /** @param event counted if it is an error, a failure or an opened stream */
    void count(ForwardEvent event) {
        switch (event.type()) {
            case ERROR -> countError(event);
            case STATE_CHANGED -> {
                if (event.state().status() == ForwardStatus.FAILED) {
                    countError(event);
                }
            }
            case TARGET_CONNECTED -> configs.apply(event.configId()).ifPresent(config -> {
                String[] labels = ForwardLabels.of(config);
                if (event.latency() != null) {
                    connectLatency.labelValues(labels).observe(event.latency().toNanos() / 1e9);
                }
                if (viaRelay.test(config)) {
                    relayFlows.labelValues(labels).inc();
                }
            });
            default -> {
                // connections come from the engine's counters
            }
        }
    }

    private void countError(ForwardEvent event) {
        configs.apply(event.configId()).ifPresent(config -> errors.labelValues(ForwardLabels.of(config)).inc());
    }
}
