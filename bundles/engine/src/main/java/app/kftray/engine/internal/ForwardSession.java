package app.kftray.engine.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one forward: STOPPED → STARTING → RUNNING ⇄ RECONNECTING, or FAILED; RUNNING ⇄
 * DEGRADED while its connections keep failing to reach the target ({@link ForwardHealth}).
 * Every transition runs on the forward's {@link SerialExecutor}, so its fields need no
 * locks; {@link #snapshot()} may be read from any thread. Where new connections go is followed
 * by a {@link TargetTracker}, whose findings become the transitions between RUNNING and
 * RECONNECTING. While RECONNECTING the listener stays bound and new client connections are
 * closed at once (the handler finds no target).
 */
final class ForwardSession {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardSession.class);

    private final long configId;
    private final EngineServices services;
    private final SerialExecutor serial;
    private final TrafficMonitor monitor;
    private final TargetTracker tracker;
    private final ForwardHealth health;
    private final HelperSetup helperSetup;
    private volatile ForwardState state;
    private volatile boolean wanted;

    // touched only on the serial executor
    private ForwardConfig config;
    private SessionContext context;
    private HandlerRegistry.Registered handler;
    private RunningForward running;
    private String boundAddress;

    ForwardSession(long configId, EngineServices services) {
        this.configId = configId;
        this.services = services;
        this.serial = new SerialExecutor(services.pool());
        this.tracker = new TargetTracker(configId, services, serial, new TrackerEvents());
        this.health = new ForwardHealth(new HealthChanges());
        this.monitor = new TrafficMonitor(this::publish, error -> {
            tracker.checkSoon();
            health.failed(error);
        }, this::publishConnected, health::reached);
        this.helperSetup = new HelperSetup(services);
        this.state = ForwardState.stopped(configId);
    }

    CompletableFuture<ForwardState> start() {
        return CompletableFuture.supplyAsync(this::doStart, serial);
    }

    /** @param reason shown as the last error, or {@code null} for a user's stop */
    CompletableFuture<ForwardState> stop(String reason) {
        return CompletableFuture.supplyAsync(() -> doStop(reason, false), serial);
    }

    CompletableFuture<ForwardState> restart() {
        return CompletableFuture.supplyAsync(() -> {
            doStop(null, true);
            return doStart();
        }, serial);
    }

    /** Stops the forward if it runs on {@code departed}; it stays wanted, so a new handler restarts it. */
    CompletableFuture<ForwardState> handlerLeft(ProtocolHandler departed, String protocol) {
        return CompletableFuture.supplyAsync(() -> handler != null && handler.service() == departed
                ? doStop("the handler for protocol '" + protocol + "' was removed", true) : snapshot(), serial);
    }

    /** Starts the forward if it was wanted and waits for a handler of {@code protocol}. */
    void handlerArrived(String protocol) {
        serial.execute(() -> {
            if (wanted && config != null && protocol.equals(handlerName(config)) && !state.status().isActive()) {
                doStart();
            }
        });
    }

    /** The saved definition changed: settings that apply per connection take effect at once. */
    void definitionChanged() {
        serial.execute(() -> {
            if (context != null && state.status().isActive()) {
                services.configs().get(configId).ifPresent(saved -> context.httpLogging(saved.httpLogsEnabled()));
            }
        });
    }

    /** Checks the target at once (the network changed, or the machine woke up); any thread. */
    void revalidate() {
        if (state.status().isActive()) {
            tracker.checkNow();
        }
    }

    /** Writes the counters if they changed and the forward is active; at most once per call. */
    void flushCounters() {
        if (monitor.takeChanged()) {
            serial.execute(() -> {
                if (state.status().isActive()) {
                    save(snapshot());
                }
            });
        }
    }

    /** @return whether the forward is starting, running or recovering; any thread */
    boolean isActive() {
        return state.status().isActive();
    }

    /** @return the state with the latest counters; any thread */
    ForwardState snapshot() {
        return state.withCounters(monitor.snapshot());
    }

    private ForwardState doStart() {
        wanted = true;
        if (state.status().isActive()) {
            return snapshot();
        }
        monitor.reset();
        health.reset();
        try {
            config = loadConfig();
            enter(ForwardStatus.STARTING, null);
            config = helperSetup.beforeBind(config);
            handler = services.handlers().current(handlerName(config)).orElseThrow(() -> new KftrayException(
                    "no handler for protocol '" + handlerName(config) + "' is installed; forward '"
                            + config.displayName() + "' starts as soon as one is"));
            TargetChooser chooser = services.targets().forConfig(config, handler.needsRelay());
            context = new SessionContext(config, services, monitor, tracker::serving);
            if (resolvesPerConnection()) {
                bind();
                enter(ForwardStatus.RUNNING, helperSetup.problem());
                return snapshot();
            }
            ResolvedTarget first = tracker.firstTarget(config, chooser);
            bind();
            tracker.follow(first);
        } catch (KftrayException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("forward {} failed to start", configId, e);
            fail("forward " + configId + " failed to start: " + e);
        }
        return snapshot();
    }

    private void bind() {
        running = handler.service().start(context);
        boundAddress = text(running.boundAddress());
        helperSetup.afterBind(config, running.boundAddress().getAddress().getHostAddress());
    }

    /**
     * The handler a forward runs on: its protocol's, except that an expose workload (which publishes a local
     * port in the cluster instead of forwarding to it) runs on the {@code expose} handler whatever its protocol.
     */
    static String handlerName(ForwardConfig config) {
        return config.workloadType() == WorkloadType.EXPOSE ? "expose" : config.protocol();
    }

    /**
     * A namespace-wide forward (e.g. SOCKS5) has no single pod: its handler resolves every
     * connection through the cluster itself, so there is nothing to choose or watch here.
     */
    private boolean resolvesPerConnection() {
        return config.workloadType() == WorkloadType.NAMESPACE;
    }

    private ForwardConfig loadConfig() {
        ForwardConfig loaded = services.configs().get(configId)
                .orElseThrow(() -> new KftrayException("there is no saved forward with id " + configId));
        String errors = loaded.validate().stream().map(FieldError::toString).collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw new KftrayException("forward '" + loaded.displayName() + "' is not valid: " + errors);
        }
        return loaded;
    }

    private ForwardState doStop(String reason, boolean keepWanted) {
        wanted = keepWanted;
        if (state.status() == ForwardStatus.STOPPED) {
            return snapshot();
        }
        releaseAll();
        enter(ForwardStatus.STOPPED, reason);
        return snapshot();
    }

    private void fail(String message) {
        releaseAll();
        enter(ForwardStatus.FAILED, message);
    }

    /** Closes the listener first, then lets the tracker release the target (a relay pod goes last). */
    private void releaseAll() {
        if (running != null) {
            awaitStop(running);
            running = null;
        }
        helperSetup.release();
        tracker.release();
        handler = null;
        boundAddress = null;
    }

    private void awaitStop(RunningForward forward) {
        long timeout = services.settings().stopTimeout().toMillis();
        try {
            forward.stop().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("forward {} did not release its socket within {} ms", configId, timeout);
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("stopping forward {} failed", configId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tracker's findings as transitions of this forward. */
    private final class TrackerEvents implements TargetTracker.Events {
        @Override
        public void targetReady() {
            health.reset();
            enter(ForwardStatus.RUNNING, helperSetup.problem());
        }

        @Override
        public void reconnected(boolean otherTarget) {
            if (otherTarget) {
                running.targetChanged();
            }
            monitor.reconnected();
        }

        @Override
        public void targetLost(String reason) {
            health.reset();
            enter(ForwardStatus.RECONNECTING, reason);
        }

        @Override
        public void retrying(String problem) {
            note(problem);
        }

        @Override
        public void failed(String problem) {
            fail(problem);
        }
    }

    /** What the health of connections says, as transitions between RUNNING and DEGRADED. */
    private final class HealthChanges implements ForwardHealth.Changes {
        @Override
        public void degraded(String error) {
            serial.execute(() -> {
                if (!health.degraded()) {
                    return; // a success or a new target came first
                }
                if (state.status() == ForwardStatus.RUNNING) {
                    enter(ForwardStatus.DEGRADED, error);
                } else if (state.status() == ForwardStatus.DEGRADED) {
                    note(error);
                }
            });
        }

        @Override
        public void recovered() {
            serial.execute(() -> {
                if (state.status() == ForwardStatus.DEGRADED) {
                    enter(ForwardStatus.RUNNING, helperSetup.problem());
                }
            });
        }
    }

    private void enter(ForwardStatus status, String error) {
        boolean stopped = status == ForwardStatus.STOPPED;
        state = new ForwardState(configId, status, stopped ? null : services.states().self(), tracker.podName(),
                boundAddress, Instant.now(), error, monitor.snapshot(), false);
        LOG.info("forward {} {}{}", configId, status, error == null ? "" : ": " + error);
        save(state);
        publish(ForwardEvent.Type.STATE_CHANGED, error);
    }

    /** Records the latest problem without a status change (no event, no history entry). */
    private void note(String problem) {
        ForwardState now = state;
        state = new ForwardState(configId, now.status(), now.owner(), now.pod(), now.boundAddress(), now.since(),
                problem, now.counters(), false);
        save(snapshot());
    }

    private void save(ForwardState toSave) {
        try {
            services.states().put(toSave);
        } catch (RuntimeException e) {
            LOG.warn("cannot write the state of forward {}: {}", configId, e.getMessage());
        }
    }

    private void publish(ForwardEvent.Type type, String message) {
        services.listeners().deliver(new ForwardEvent(type, configId, snapshot(), message, Instant.now()));
    }

    private void publishConnected(Duration latency) {
        services.listeners().deliver(new ForwardEvent(ForwardEvent.Type.TARGET_CONNECTED, configId, snapshot(), null,
                Instant.now(), latency));
    }

    private static String text(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
