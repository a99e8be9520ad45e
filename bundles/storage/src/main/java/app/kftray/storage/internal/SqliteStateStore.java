package app.kftray.storage.internal;

import app.kftray.api.ConflictException;
import app.kftray.api.KftrayException;
import app.kftray.api.KftrayHome;
import app.kftray.api.StateStore;
import app.kftray.api.StorageException;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StateStore} on the shared SQLite database. This process heartbeats its own rows;
 * rows of an owner silent for longer than the stale threshold are reported as stale and
 * {@link ForwardStatus#STOPPED}. A forward held by another live process cannot be claimed.
 */
@Component(service = StateStore.class, configurationPid = StateStoreConfiguration.PID)
@Designate(ocd = StateStoreConfiguration.class)
public final class SqliteStateStore implements StateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStateStore.class);

    private final Database database;
    private final Owner self;
    private final long staleAfterMillis;
    private final int historyLimit;
    private final ScheduledExecutorService heartbeat;
    /** Sees requests other connections queue; guarded by the database's lock (used only inside its work). */
    private final CommitWatch commits = new CommitWatch();
    /**
     * Set when the next poll must read the queue though no other connection committed: this store queued
     * a request for its own process (its own commits are not seen by {@link #commits}), or taking failed.
     */
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private final Duration requestPoll;
    /** Told when requests for this process may be waiting; see {@link #watchRequests}. */
    private final List<Runnable> requestWatchers = new CopyOnWriteArrayList<>();
    /** The look for them, on a connection of its own; opened for the first watcher, guarded by {@code this}. */
    private RequestWatch requestWatch;

    /**
     * @param context       the bundle context (the kftray home)
     * @param configuration heartbeat, staleness and history settings
     */
    @Activate
    public SqliteStateStore(BundleContext context, StateStoreConfiguration configuration) {
        this(KftrayHome.resolve(context::getProperty, System.getenv()).database(), Duration.ofMillis(configuration.busy_timeout_ms()),
                Duration.ofMillis(configuration.heartbeat_interval_ms()),
                Duration.ofMillis(configuration.stale_after_ms()), configuration.history_limit(), LocalProcess.owner(),
                Duration.ofMillis(configuration.request_poll_ms()));
    }

    SqliteStateStore(Path databaseFile, Duration busyTimeout, Duration heartbeatInterval, Duration staleAfter,
                     int historyLimit, Owner self) {
        this(databaseFile, busyTimeout, heartbeatInterval, staleAfter, historyLimit, self, Duration.ofMillis(200));
    }

    SqliteStateStore(Path databaseFile, Duration busyTimeout, Duration heartbeatInterval, Duration staleAfter,
                     int historyLimit, Owner self, Duration requestPoll) {
        this.database = Database.open(databaseFile, busyTimeout, Migrator.fromResources());
        this.self = self;
        this.requestPoll = requestPoll;
        this.staleAfterMillis = staleAfter.toMillis();
        this.historyLimit = historyLimit;
        beat();
        heartbeat = DaemonThreads.scheduler("kftray-state-heartbeat");
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops heartbeating and marks the forwards this process still claims as stopped. */
    @Deactivate
    @Override
    public void close() {
        synchronized (this) {
            if (requestWatch != null) {
                requestWatch.close();
                requestWatch = null;
            }
        }
        DaemonThreads.stop(heartbeat);
        try {
            database.write("releasing the forwards of " + self, this::release);
        } catch (StorageException e) {
            LOG.warn("Could not mark the forwards of {} as stopped: {}", self, e.getMessage());
        } finally {
            database.close();
        }
    }

    @Override
    public Owner self() {
        return self;
    }

    @Override
    public void put(ForwardState state) {
        Objects.requireNonNull(state, "state");
        long now = System.currentTimeMillis();
        database.write("saving the state of forward " + state.configId(), c -> {
            requireConfig(c, state.configId());
            Optional<StateTable.Row> previous = StateTable.get(c, state.configId());
            if (previous.isPresent() && heldElsewhere(previous.get(), now)) {
                throw new ConflictException("forward " + state.configId() + " is run by kftray process "
                        + previous.get().state().owner() + "; ask it to stop the forward first");
            }
            StateTable.put(c, state, self, now);
            if (previous.isEmpty() || previous.get().state().status() != state.status()
                    || !self.equals(previous.get().state().owner())) {
                StateHistory.append(c, state, self, now, historyLimit);
            }
            return null;
        });
    }

    @Override
    public Optional<ForwardState> get(long configId) {
        long now = System.currentTimeMillis();
        return database.read("reading the state of forward " + configId, c -> StateTable.get(c, configId))
                .map(row -> reported(row, now));
    }

    @Override
    public List<ForwardState> list() {
        long now = System.currentTimeMillis();
        return database.read("reading the state of all forwards", StateTable::list).stream()
                .map(row -> reported(row, now)).toList();
    }

    @Override
    public boolean isLive(Owner owner) {
        long now = System.currentTimeMillis();
        return database.read("checking whether " + owner + " is running", c -> fresh(owner, ProcessTable.lastBeat(c, owner), now));
    }

    @Override
    public void submit(ControlRequest request) {
        Objects.requireNonNull(request.action(), "action");
        long now = System.currentTimeMillis();
        long id = request.configId();
        Owner addressed = database.write("queueing a " + request.action() + " request for forward " + id, c -> {
            requireConfig(c, id);
            Owner target = request.target() != null ? request.target() : liveOwner(c, id, now);
            if (!fresh(target, ProcessTable.lastBeat(c, target), now)) {
                throw new KftrayException("kftray process " + target + " is not running (no heartbeat for "
                        + staleAfterMillis + " ms), so it cannot " + request.action() + " forward " + id);
            }
            ControlQueue.add(c, new ControlRequest(id, request.action(), target), now);
            if (target.equals(self)) {
                lookAgain.set(true);
            }
            return target;
        });
        if (addressed.equals(self)) {
            requestWatchers.forEach(Runnable::run); // at once, not at the watch's next look
        }
    }

    @Override
    public List<ControlRequest> takeRequests() {
        boolean forced = lookAgain.getAndSet(false);
        boolean waiting = database.read("looking for control requests for " + self,
                c -> commits.changed(c) && ControlQueue.any(c, self));
        if (!waiting && !forced) {
            return List.of(); // the usual poll: nobody else committed, or nothing is addressed to this process
        }
        try {
            return database.write("taking the control requests of " + self, c -> ControlQueue.take(c, self));
        } catch (StorageException e) {
            lookAgain.set(true); // the requests stay queued; no new commit may come to announce them
            throw e;
        }
    }

    /**
     * Looks for requests on the storage's shared poll thread: only when another connection committed does it
     * read the queue, and it calls the watchers when something waits for this process.
     */
    @Override
    public synchronized AutoCloseable watchRequests(Runnable maybeWaiting) {
        Objects.requireNonNull(maybeWaiting, "maybeWaiting");
        requestWatchers.add(maybeWaiting);
        if (requestWatch == null) {
            requestWatch = new RequestWatch(database.anotherConnection(), self, requestWatchers, requestPoll);
        }
        return () -> requestWatchers.remove(maybeWaiting);
    }

    @Override
    public List<Transition> history(long configId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.read("reading the history of forward " + configId,
                c -> StateHistory.newest(c, configId, limit));
    }

    private void beat() {
        long now = System.currentTimeMillis();
        try {
            database.write("heartbeating " + self, c -> {
                ProcessTable.beat(c, self, now);
                StateTable.heartbeat(c, self, now);
                ControlQueue.expire(c, now);
                return null;
            });
        } catch (StorageException e) {
            LOG.warn("Heartbeat of {} failed; other processes may see its forwards as stale: {}", self, e.getMessage());
        }
    }

    private Void release(Connection connection) throws SQLException {
        long now = System.currentTimeMillis();
        for (StateTable.Row row : StateTable.active(connection, self)) {
            ForwardState stopped = row.state().withStatus(ForwardStatus.STOPPED, null);
            StateTable.put(connection, stopped, self, now);
            StateHistory.append(connection, stopped, self, now, historyLimit);
        }
        ProcessTable.remove(connection, self);
        return null;
    }

    private static void requireConfig(Connection connection, long configId) throws SQLException {
        if (!StateTable.hasConfig(connection, configId)) {
            throw new KftrayException("no forward definition has id " + configId);
        }
    }

    private Owner liveOwner(Connection connection, long configId, long now) throws SQLException {
        return StateTable.get(connection, configId)
                .filter(row -> row.state().status().isActive() && alive(row, now))
                .map(row -> row.state().owner())
                .orElseThrow(() -> new KftrayException("forward " + configId
                        + " is not running in any live kftray process; start it directly instead"));
    }

    private boolean heldElsewhere(StateTable.Row row, long now) {
        ForwardState state = row.state();
        return state.status().isActive() && !self.equals(state.owner()) && alive(row, now);
    }

    private boolean alive(StateTable.Row row, long now) {
        return row.state().owner() != null && fresh(row.state().owner(), OptionalLong.of(row.heartbeat()), now);
    }

    /**
     * An owner is alive while it heartbeats; on this host, only while its process exists too, so a
     * crashed one is seen at once and the stale threshold can stay well above a slow lock wait.
     */
    private boolean fresh(Owner owner, OptionalLong lastBeat, long now) {
        return lastBeat.isPresent() && now - lastBeat.getAsLong() <= staleAfterMillis
                && (self.equals(owner) || !LocalProcess.isGone(owner));
    }

    /** The state as readers should see it: stopped rows have no owner, silent owners' rows are stale. */
    private ForwardState reported(StateTable.Row row, long now) {
        ForwardState s = row.state();
        if (s.status() == ForwardStatus.STOPPED) {
            return new ForwardState(s.configId(), s.status(), null, s.pod(), s.boundAddress(), s.since(),
                    s.lastError(), s.counters(), false);
        }
        if (alive(row, now)) {
            return s;
        }
        Instant silentSince = Instant.ofEpochMilli(row.heartbeat());
        return new ForwardState(s.configId(), ForwardStatus.STOPPED, null, null, null, silentSince,
                "kftray process " + s.owner() + " stopped heartbeating at " + silentSince
                        + "; the forward is no longer running", s.counters(), true);
    }
}
