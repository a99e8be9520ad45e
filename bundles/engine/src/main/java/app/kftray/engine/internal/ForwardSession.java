package app.kftray.engine.internal;

import app.kftray.api.ConflictException;
import app.kftray.api.KftrayException;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 *
 * <p>A forward runs in one process at a time: STARTING is written as a claim, which fails while
 * another live process holds the forward. This process then stands by (STOPPED here, the owner's
 * row untouched) and takes the forward over once that owner's process is gone or its heartbeat
 * stale; it gives up when the owner stops the forward itself. An owner that finds its forward
 * claimed by another live process (it was frozen or could not heartbeat long enough to look
 * dead) closes its listener and stands by in turn: the taker keeps the forward.
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
    /** Why this process stands by while another one runs the forward, or null. */
    private String standingBy;
    /** The next look at the owner while this process stands by, or null. */
    private Future<?> standBy;

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

    /**
     * Another live process claimed this forward while this one ran it: this one closes its listener,
     * leaves the shared set-up (hosts entry, relay pod) to the new owner, and stands by.
     *
     * @param newOwner the process that holds the forward now
     */
    void takenOver(Owner newOwner) {
        serial.execute(() -> {
            if (!state.status().isActive()) {
                return;
            }
            LOG.warn("forward {} was taken over by kftray process {} while this process did not heartbeat; "
                    + "this process stands by", configId, newOwner);
            release(false);
            standBy("taken over by kftray process " + newOwner + " while this process did not heartbeat", true);
        });
    }

    private ForwardState doStart() {
        wanted = true;
        cancelStandBy();
        if (state.status().isActive()) {
            return snapshot();
        }
        monitor.reset();
        health.reset();
        try {
            config = loadConfig();
            if (!claim()) {
                return snapshot();
            }
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

    /**
     * Writes STARTING as this process's claim on the forward.
     *
     * @return false when another live process holds it; this process then stands by
     */
    private boolean claim() {
        ForwardState starting = stateOf(ForwardStatus.STARTING, null);
        try {
            services.states().put(starting);
        } catch (ConflictException e) {
            Optional<Owner> holder = services.states().get(configId).map(ForwardState::owner);
            standBy("run by kftray process " + holder.map(Owner::toString).orElse("elsewhere"), standingBy == null);
            return false;
        } catch (RuntimeException e) {
            LOG.warn("cannot write the state of forward {}: {}", configId, e.getMessage());
        }
        standingBy = null;
        entered(starting);
        publish(ForwardEvent.Type.STATE_CHANGED, null);
        return true;
    }

    /** Looks at the owner again after a poll interval; on the serial executor. */
    private void standBy(String why, boolean announce) {
        standingBy = why;
        state = new ForwardState(configId, ForwardStatus.STOPPED, null, null, null, Instant.now(),
                why + "; this process takes it over if that process stops", monitor.snapshot(), false);
        if (announce) {
            LOG.info("forward {} is left to another process: {}", configId, state.lastError());
            publish(ForwardEvent.Type.STATE_CHANGED, state.lastError());
        }
        long poll = services.settings().controlPoll().toMillis();
        standBy = services.timer().schedule(() -> serial.execute(this::lookAtOwner), poll, TimeUnit.MILLISECONDS);
    }

    /**
     * While the owner holds the forward, keeps standing by; once its process is gone or its heartbeat
     * stale, takes the forward over; when the owner stopped it (by request or on a clean exit), gives up.
     */
    private void lookAtOwner() {
        standBy = null;
        if (standingBy == null || !wanted || state.status().isActive()) {
            return;
        }
        Optional<ForwardState> row;
        try {
            row = services.states().get(configId);
        } catch (RuntimeException e) {
            standBy(standingBy, false);
            return;
        }
        if (row.isPresent() && row.get().status().isActive() && !services.states().self().equals(row.get().owner())) {
            standBy(row.get().owner() == null ? "run elsewhere" : "run by kftray process " + row.get().owner(), false);
        } else if (row.isPresent() && !row.get().stale() && !row.get().status().isActive()) {
            standingBy = null;
            wanted = false;
            state = new ForwardState(configId, ForwardStatus.STOPPED, null, null, null, Instant.now(),
                    "stopped by the kftray process that ran it", monitor.snapshot(), false);
            LOG.info("forward {} was stopped by the process that ran it; not started here", configId);
            publish(ForwardEvent.Type.STATE_CHANGED, state.lastError());
        } else {
            LOG.info("forward {}: its owner stopped heartbeating; taking it over", configId);
            doStart();
        }
    }

    private void cancelStandBy() {
        if (standBy != null) {
            standBy.cancel(false);
            standBy = null;
        }
    }

    private ForwardState doStop(String reason, boolean keepWanted) {
        wanted = keepWanted;
        cancelStandBy();
        if (standingBy != null) {
            standingBy = null;
            state = ForwardState.stopped(configId); // no longer waiting for the owner
        }
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
        release(true);
    }

    /**
     * @param setUp whether to remove the hosts entry and the target's set-up (a relay pod) too, or to
     *              leave them to the process that took the forward over
     */
    private void release(boolean setUp) {
        if (running != null) {
            awaitStop(running);
            running = null;
        }
        if (setUp) {
            helperSetup.release();
            tracker.release();
        } else {
            helperSetup.forget();
            tracker.abandon();
        }
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
        entered(stateOf(status, error));
        save(state);
        publish(ForwardEvent.Type.STATE_CHANGED, error);
    }

    private ForwardState stateOf(ForwardStatus status, String error) {
        boolean stopped = status == ForwardStatus.STOPPED;
        return new ForwardState(configId, status, stopped ? null : services.states().self(), tracker.podName(),
                boundAddress, Instant.now(), error, monitor.snapshot(), false);
    }

    private void entered(ForwardState next) {
        state = next;
        LOG.info("forward {} {}{}", configId, next.status(), next.lastError() == null ? "" : ": " + next.lastError());
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
        } catch (ConflictException e) {
            // another process claimed the forward while this one did not heartbeat; the engine hands it over
            LOG.debug("state of forward {} not written: {}", configId, e.getMessage());
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
