package app.kftray.engine.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.KubeException;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one forward: STOPPED → STARTING → RUNNING ⇄ RECONNECTING, or FAILED.
 * Every transition runs on the forward's {@link SerialExecutor}, so its fields need no
 * locks; {@link #snapshot()} may be read from any thread. While RECONNECTING the listener
 * stays bound and new client connections are closed at once (the handler finds no target).
 */
final class ForwardSession {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardSession.class);

    private final long configId;
    private final EngineServices services;
    private final SerialExecutor serial;
    private final TrafficMonitor monitor;
    private final Backoff backoff;
    private final AtomicBoolean targetCheckPending = new AtomicBoolean();
    private volatile ForwardState state;
    private volatile boolean wanted;

    // touched only on the serial executor
    private ForwardConfig config;
    private SessionContext context;
    private ProtocolHandler handler;
    private RunningForward running;
    private TargetChooser chooser;
    private ResolvedTarget lastTarget;
    private AutoCloseable watch;
    private long watchSeq;
    private Future<?> retry;
    private long generation;
    private String pod;
    private String boundAddress;

    ForwardSession(long configId, EngineServices services) {
        this.configId = configId;
        this.services = services;
        this.serial = new SerialExecutor(services.pool());
        this.monitor = new TrafficMonitor(this::publish, error -> scheduleTargetCheck());
        EngineSettings settings = services.settings();
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), new Random());
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
        return CompletableFuture.supplyAsync(() -> handler == departed
                ? doStop("the handler for protocol '" + protocol + "' was removed", true) : snapshot(), serial);
    }

    /** Starts the forward if it was wanted and waits for a handler of {@code protocol}. */
    void handlerArrived(String protocol) {
        serial.execute(() -> {
            if (wanted && config != null && protocol.equals(config.protocol()) && !state.status().isActive()) {
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

    /** @return the state with the latest counters; any thread */
    ForwardState snapshot() {
        return state.withCounters(monitor.snapshot());
    }

    private ForwardState doStart() {
        wanted = true;
        if (state.status().isActive()) {
            return snapshot();
        }
        generation++;
        monitor.reset();
        try {
            config = loadConfig();
            enter(ForwardStatus.STARTING, null);
            handler = services.handlers().current(config.protocol()).orElseThrow(() -> new KftrayException(
                    "no handler for protocol '" + config.protocol() + "' is installed; forward '"
                            + config.displayName() + "' starts as soon as one is"));
            chooser = services.targets().forConfig(config);
            context = new SessionContext(config, services, monitor);
            if (resolvesPerConnection()) {
                running = handler.start(context);
                boundAddress = text(running.boundAddress());
                enter(ForwardStatus.RUNNING, null);
                return snapshot();
            }
            ResolvedTarget target = firstTarget();
            running = handler.start(context);
            boundAddress = text(running.boundAddress());
            if (target != null) {
                becomeRunning(target);
            } else {
                enter(ForwardStatus.RECONNECTING, state.lastError());
                scheduleRetry();
            }
        } catch (KftrayException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("forward {} failed to start", configId, e);
            fail("forward " + configId + " failed to start: " + e);
        }
        return snapshot();
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

    /** @return the target, or {@code null} after a retryable failure (then noted as the last error) */
    private ResolvedTarget firstTarget() {
        try {
            return chooser.choose(config);
        } catch (KubeException e) {
            if (!retryable(e)) {
                throw e;
            }
            note(e.getMessage());
            return null;
        }
    }

    private ForwardState doStop(String reason, boolean keepWanted) {
        wanted = keepWanted;
        generation++;
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

    private void releaseAll() {
        cancelRetry();
        closeWatch();
        if (running != null) {
            awaitStop(running);
            running = null;
        }
        if (chooser != null) {
            try {
                chooser.release(config);
            } catch (RuntimeException e) {
                LOG.warn("releasing the target of forward {} failed", configId, e);
            }
            chooser = null;
        }
        if (context != null) {
            context.target(null);
        }
        handler = null;
        lastTarget = null;
        pod = null;
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

    private void becomeRunning(ResolvedTarget target) {
        context.target(target);
        lastTarget = target;
        pod = target.pod().name();
        backoff.reset();
        long seq = ++watchSeq;
        try {
            watch = services.kube().watch(target.pod(), (watched, change) ->
                    serial.execute(() -> podChanged(seq, watched, change)));
        } catch (RuntimeException e) {
            loseTarget("cannot watch pod " + target.pod() + ": " + e.getMessage());
            return;
        }
        enter(ForwardStatus.RUNNING, null);
    }

    private void podChanged(long seq, PodRef watched, PodChange change) {
        if (seq != watchSeq || state.status() != ForwardStatus.RUNNING || change == PodChange.READY) {
            return;
        }
        loseTarget(switch (change) {
            case DELETED -> "pod " + watched + " was deleted";
            case NOT_READY -> "pod " + watched + " is not ready";
            default -> "lost the watch on pod " + watched + "; the API server may be unreachable";
        });
    }

    private void loseTarget(String reason) {
        closeWatch();
        context.target(null);
        enter(ForwardStatus.RECONNECTING, reason);
        scheduleRetry();
    }

    private void scheduleRetry() {
        long gen = generation;
        retry = services.timer().schedule(() -> serial.execute(() -> retryTarget(gen)),
                backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void retryTarget(long gen) {
        if (gen != generation || state.status() != ForwardStatus.RECONNECTING) {
            return;
        }
        try {
            switchTo(chooser.choose(config));
        } catch (KubeException e) {
            if (!retryable(e)) {
                fail(e.getMessage());
                return;
            }
            note(e.getMessage());
            scheduleRetry();
        } catch (RuntimeException e) {
            note(String.valueOf(e.getMessage()));
            scheduleRetry();
        }
    }

    /** Moves to {@code target}, closing connections to the old pod if it is another one. */
    private void switchTo(ResolvedTarget target) {
        if (lastTarget != null && !target.equals(lastTarget)) {
            running.targetChanged();
        }
        closeWatch();
        monitor.reconnected();
        becomeRunning(target);
    }

    /** A handler could not reach the target: re-resolve, at most once per check interval. */
    private void scheduleTargetCheck() {
        if (targetCheckPending.compareAndSet(false, true)) {
            try {
                services.timer().schedule(() -> serial.execute(this::checkTarget),
                        services.settings().targetCheck().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                targetCheckPending.set(false);
            }
        }
    }

    private void checkTarget() {
        targetCheckPending.set(false);
        if (state.status() != ForwardStatus.RUNNING || resolvesPerConnection()) {
            return;
        }
        try {
            ResolvedTarget target = chooser.choose(config);
            if (!target.equals(lastTarget)) {
                switchTo(target);
            }
        } catch (KubeException e) {
            if (retryable(e)) {
                loseTarget(e.getMessage());
            } else {
                fail(e.getMessage());
            }
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void closeWatch() {
        watchSeq++;
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("closing the pod watch of forward {} failed", configId, e);
            }
            watch = null;
        }
    }

    private void enter(ForwardStatus status, String error) {
        boolean stopped = status == ForwardStatus.STOPPED;
        state = new ForwardState(configId, status, stopped ? null : services.states().self(), pod, boundAddress,
                Instant.now(), error, monitor.snapshot(), false);
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

    private static boolean retryable(KubeException e) {
        return e.reason() == KubeException.Reason.UNREACHABLE || e.reason() == KubeException.Reason.NOT_READY;
    }

    private static String text(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
