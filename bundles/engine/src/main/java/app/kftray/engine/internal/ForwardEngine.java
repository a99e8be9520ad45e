package app.kftray.engine.internal;

import app.kftray.api.ConfigListener;
import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.HostsHelper;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ForwardManager} of this process. Forwards are run by the {@link ProtocolHandler}
 * named by their protocol, found on the whiteboard; forwards whose handler is missing wait for
 * it, and forwards of a departing handler stop. Requests of other processes arrive through
 * {@link StateStore#takeRequests()}.
 */
@Component(service = ForwardManager.class)
@Designate(ocd = EngineConfig.class)
public final class ForwardEngine implements ForwardManager {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardEngine.class);
    /**
     * Starting a forward mostly waits for the API server (its look-ups, the watch) and the database, so
     * many forwards start at once: with 4 threads 500 auto-start forwards queued behind each other's
     * round trips. Idle threads end after 30 s.
     */
    private static final int POOL_THREADS = 16;

    private final Map<Long, ForwardSession> sessions = new ConcurrentHashMap<>();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final ListenerWhiteboard listeners = new ListenerWhiteboard();
    /** The HTTP logger, when one is installed; the framework sets and clears it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HttpLogService httpLog;
    /** Deploys relay pods, when installed; the framework sets and clears it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RelayManager relay;
    /** The privileged helper's client, when installed; the framework sets and clears it. */
    private volatile HostsHelper hostsHelper;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService pool;
    private final EngineServices services;
    /** Hears edits of saved definitions; registered by hand, since as a component service it would
     *  make a cycle with the store that announces them. */
    private ServiceRegistration<ConfigListener> definitionListener;
    /** Has requests of other processes taken as the store sees them arrive, between the timer's polls. */
    private final AutoCloseable requestWatch;
    /** Set when deactivation begins: no new starts. */
    private volatile boolean closing;
    /** Set once every forward stopped and the threads are going away. */
    private volatile boolean closed;

    /**
     * @param config    timings
     * @param configs   saved definitions
     * @param states    runtime state
     * @param kube      cluster access
     * @param transport pod streams
     * @param network   the shared event loops
     * @param bundle    where the engine listens for edits of saved definitions
     */
    @Activate
    public ForwardEngine(EngineConfig config, @Reference ConfigStore configs, @Reference StateStore states,
                         @Reference KubeAccess kube, @Reference PortForwardTransport transport,
                         @Reference NetworkRuntime network, BundleContext bundle) {
        this(EngineSettings.of(config), configs, states, kube, transport, network.group());
        definitionListener = bundle.registerService(ConfigListener.class, this::definitionChanged, null);
    }

    ForwardEngine(EngineSettings settings, ConfigStore configs, StateStore states, KubeAccess kube,
                  PortForwardTransport transport, EventLoopGroup group) {
        timer = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("kftray-engine-timer", true));
        timer.setRemoveOnCancelPolicy(true);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("kftray-engine", true));
        workers.allowCoreThreadTimeOut(true);
        pool = workers;
        services = new EngineServices(configs, states, kube, transport, group, handlers,
                new TargetChoosers(kube, () -> relay), listeners, () -> httpLog, () -> hostsHelper, pool, timer,
                settings);
        NetworkMonitor monitor = new NetworkMonitor(new NetworkActions(), configs::setting, NetworkFingerprint::now,
                System::nanoTime, System::currentTimeMillis);
        // one wake-up for the periodic work: an idle process is woken once per tick, not once per duty
        Duration tick = Stream.of(settings.controlPoll(), settings.counterFlush(), NetworkMonitor.TICK)
                .min(Duration::compareTo).orElseThrow();
        SharedTick duties = new SharedTick(tick)
                .every("reading control requests", settings.controlPoll(), this::actOnRequests)
                .every("saving the counters", settings.counterFlush(),
                        () -> sessions.values().forEach(ForwardSession::flushCounters))
                .every("the network monitor", NetworkMonitor.TICK, monitor::tick);
        timer.scheduleWithFixedDelay(duties, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        requestWatch = states.watchRequests(this::requestsMayWait);
    }

    /** Called on the store's thread: the requests are taken on the timer's, like the polled ones. */
    private void requestsMayWait() {
        try {
            timer.execute(this::actOnRequests);
        } catch (RejectedExecutionException stopping) {
            // the engine is stopping and takes no more requests
        }
    }

    /** What the network monitor does to this engine's forwards. */
    private final class NetworkActions implements NetworkMonitor.Actions {
        @Override
        public void revalidate(String why) {
            services.transport().revalidate();
            sessions.values().forEach(ForwardSession::revalidate);
        }

        @Override
        public void stopAll(String why) {
            sessions.values().stream().filter(s -> s.snapshot().status().isActive()).forEach(s -> s.stop(why));
        }

        @Override
        public void healthCheck() {
            pool.execute(() -> HealthCheck.run(sessions.values(), id -> services.configs().get(id)));
        }

        @Override
        public boolean anyActive() {
            for (ForwardSession session : sessions.values()) {
                if (session.isActive()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The helper's client arrived: entries a crashed kftray left in the hosts file go, off the
     * framework's thread.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHostsHelper(HostsHelper helper) {
        hostsHelper = helper;
        pool.execute(() -> StaleHostEntries.remove(helper, services.states()));
    }

    void unbindHostsHelper(HostsHelper helper) {
        if (hostsHelper == helper) {
            hostsHelper = null;
        }
    }

    /** Stops every forward, then the engine's threads. */
    @Deactivate
    void deactivate() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            requestWatch.close();
        } catch (Exception e) {
            LOG.debug("cannot stop watching for control requests: {}", e.toString());
        }
        if (definitionListener != null) {
            try {
                definitionListener.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework removed it first while stopping the bundle
            }
        }
        long timeout = services.settings().stopTimeout().toMillis() + 1000;
        try {
            stopAll().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("not every forward stopped cleanly", e);
        }
        closed = true;
        timer.shutdownNow();
        pool.shutdown();
    }

    /**
     * Applies edits of running forwards that need no restart, such as switching HTTP logging,
     * whether this process or another one saved them.
     */
    void definitionChanged(ConfigChange change) {
        ForwardSession session = sessions.get(change.configId());
        if (session != null && change.kind() == ConfigChange.Kind.UPDATED) {
            session.definitionChanged();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeHandler")
    void addHandler(ProtocolHandler handler, Map<String, Object> properties) {
        String protocol = handlers.add(handler, properties);
        LOG.info("protocol handler for '{}' available", protocol);
        sessions.values().forEach(s -> s.handlerArrived(protocol));
    }

    void removeHandler(ProtocolHandler handler, Map<String, Object> properties) {
        String protocol = handlers.remove(handler, properties);
        LOG.info("protocol handler for '{}' removed", protocol);
        if (closing) {
            return;
        }
        await(sessions.values().stream().map(s -> s.handlerLeft(handler, protocol)));
        if (handlers.current(protocol).isPresent()) {
            sessions.values().forEach(s -> s.handlerArrived(protocol));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeListener")
    void addListener(ForwardListener listener, Map<String, Object> properties) {
        listeners.add(listener, properties);
    }

    void removeListener(ForwardListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletionStage<ForwardState> start(long configId) {
        return session(configId).start();
    }

    @Override
    public CompletionStage<ForwardState> stop(long configId) {
        ForwardSession session = sessions.get(configId);
        return session == null || closed ? CompletableFuture.completedFuture(status(configId))
                : session.stop(null);
    }

    @Override
    public CompletionStage<ForwardState> restart(long configId) {
        return session(configId).restart();
    }

    @Override
    public CompletionStage<List<ForwardState>> startAll() {
        return all(services.configs().list().stream().map(ForwardConfig::id), this::start);
    }

    @Override
    public CompletionStage<List<ForwardState>> stopAll() {
        return all(sessions.keySet().stream(), this::stop);
    }

    @Override
    public ForwardState status(long configId) {
        ForwardSession session = sessions.get(configId);
        return session == null ? ForwardState.stopped(configId) : session.snapshot();
    }

    @Override
    public List<ForwardState> running() {
        return sessions.values().stream().map(ForwardSession::snapshot)
                .filter(s -> s.status() != ForwardStatus.STOPPED).toList();
    }

    @Override
    public Set<String> protocols() {
        return handlers.protocols();
    }

    private ForwardSession session(long configId) {
        if (closing) {
            throw new IllegalStateException("the forwarding engine is shut down");
        }
        return sessions.computeIfAbsent(configId, id -> new ForwardSession(id, services));
    }

    private static CompletionStage<List<ForwardState>> all(Stream<Long> ids,
                                                          Function<Long, CompletionStage<ForwardState>> action) {
        List<CompletableFuture<ForwardState>> futures = ids.map(id -> action.apply(id).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    private void await(Stream<CompletableFuture<ForwardState>> stops) {
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(services.settings().stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("forwards of a departing protocol handler did not stop cleanly", e);
        }
    }

    /**
     * Leaves to their new owner the forwards another live process claimed while this one did not
     * heartbeat (stopped with SIGSTOP, or frozen longer than the stale threshold): the taker keeps them.
     */
    private void yieldTakenOver() {
        if (sessions.values().stream().noneMatch(s -> s.snapshot().status().isActive())) {
            return;
        }
        Owner self = services.states().self();
        try {
            for (ForwardState row : services.states().list()) {
                ForwardSession session = sessions.get(row.configId());
                if (session != null && row.status().isActive() && row.owner() != null && !self.equals(row.owner())) {
                    session.takenOver(row.owner());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read who runs the forwards: {}", e.getMessage());
        }
    }

    /** Acts on start/stop/restart requests other processes addressed to this one. */
    private void actOnRequests() {
        if (closing) {
            return;
        }
        List<ControlRequest> requests;
        try {
            requests = services.states().takeRequests();
        } catch (RuntimeException e) {
            LOG.warn("cannot read control requests: {}", e.getMessage());
            return;
        }
        yieldTakenOver();
        for (ControlRequest request : requests) {
            LOG.info("control request: {} forward {}", request.action(), request.configId());
            CompletionStage<ForwardState> done = switch (request.action()) {
                case START -> start(request.configId());
                case STOP -> stop(request.configId());
                case RESTART -> restart(request.configId());
            };
            done.whenComplete((state, error) -> {
                if (error != null) {
                    LOG.warn("control request {} for forward {} failed", request.action(), request.configId(), error);
                }
            });
        }
    }
}
