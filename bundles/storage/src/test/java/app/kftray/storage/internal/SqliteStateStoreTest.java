package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConflictException;
import app.kftray.api.KftrayException;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.StateStore.ControlRequest.Action;
import app.kftray.api.StateStore.Transition;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {
    private static final Owner ME = new Owner(1001, "laptop");
    private static final Owner OTHER = new Owner(2002, "laptop");
    private static final Duration STALE = Duration.ofMillis(600);

    @TempDir
    Path dir;
    private SqliteStateStore store;
    private long web;
    private long api;

    @BeforeEach
    void open() {
        try (SqliteConfigStore configs = Fixtures.configStore(dir)) {
            web = configs.create(service("web", 8080)).id();
            api = configs.create(service("api", 8081)).id();
        }
        store = stateStore(ME, Duration.ofMillis(100));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writesAndReadsStateOwnedByThisProcess() {
        ForwardState running = state(web, ForwardStatus.RUNNING).withCounters(new ForwardCounters(2, 5, 100, 200, 1));
        store.put(running);
        ForwardState read = store.get(web).orElseThrow();
        assertEquals(ForwardStatus.RUNNING, read.status());
        assertEquals(ME, read.owner());
        assertEquals("web-7d4f", read.pod());
        assertEquals("127.0.0.1:8080", read.boundAddress());
        assertEquals(running.since(), read.since());
        assertEquals(new ForwardCounters(2, 5, 100, 200, 1), read.counters());
        assertFalse(read.stale());
        assertEquals(List.of(web), store.list().stream().map(ForwardState::configId).toList());
        assertTrue(store.get(api).isEmpty());
        assertEquals(ME, store.self());
    }

    @Test
    void everyStatusIsStoredDegradedWithItsError() {
        for (ForwardStatus status : ForwardStatus.values()) {
            ForwardState state = state(web, status);
            store.put(new ForwardState(web, status, null, state.pod(), state.boundAddress(), state.since(),
                    status == ForwardStatus.DEGRADED ? "udp peer 127.0.0.1:5353: the relay stream failed" : null,
                    ForwardCounters.ZERO, false));
            assertEquals(status, store.get(web).orElseThrow().status());
        }
        store.put(new ForwardState(web, ForwardStatus.DEGRADED, null, "relay-1", "127.0.0.1:53", Instant.now(),
                "the relay stream failed", ForwardCounters.ZERO, false));
        assertEquals("the relay stream failed", store.get(web).orElseThrow().lastError());
    }

    @Test
    void historyRecordsStatusChangesOnlyNewestFirstAndBounded() {
        store.put(state(web, ForwardStatus.STARTING));
        store.put(state(web, ForwardStatus.RUNNING));
        store.put(state(web, ForwardStatus.RUNNING).withCounters(new ForwardCounters(1, 1, 1, 1, 0)));
        store.put(state(web, ForwardStatus.RECONNECTING));
        List<ForwardStatus> statuses = store.history(web, 10).stream().map(t -> t.state().status()).toList();
        assertEquals(List.of(ForwardStatus.RECONNECTING, ForwardStatus.RUNNING, ForwardStatus.STARTING), statuses);
        for (int i = 0; i < 8; i++) {
            store.put(state(web, i % 2 == 0 ? ForwardStatus.RUNNING : ForwardStatus.RECONNECTING));
        }
        List<Transition> bounded = store.history(web, 100);
        assertEquals(5, bounded.size()); // the store keeps the newest 5 per forward in this test
        assertEquals(ForwardStatus.RECONNECTING, bounded.get(0).state().status());
        assertEquals(List.of(), store.history(api, 10));
        assertEquals(List.of(), store.history(web, 0));
    }

    @Test
    void rowsOfAProcessThatStoppedHeartbeatingAreStaleAndStopped() throws InterruptedException {
        SqliteStateStore crashed = stateStore(OTHER, Duration.ofHours(1)); // beats once, then never again
        crashed.put(state(api, ForwardStatus.RUNNING));
        assertEquals(ForwardStatus.RUNNING, store.get(api).orElseThrow().status());
        assertTrue(store.isLive(OTHER));
        Thread.sleep(STALE.toMillis() + 300);
        ForwardState seen = store.get(api).orElseThrow();
        assertEquals(ForwardStatus.STOPPED, seen.status());
        assertTrue(seen.stale());
        assertNull(seen.owner());
        assertTrue(seen.lastError().contains(OTHER.toString()), seen.lastError());
        assertFalse(store.isLive(OTHER));
        store.put(state(web, ForwardStatus.RUNNING));
        Thread.sleep(STALE.toMillis() + 300);
        assertFalse(store.get(web).orElseThrow().stale(), "this store heartbeats its own rows");
        assertTrue(store.isLive(ME));
        store.put(state(api, ForwardStatus.STARTING)); // a stale row may be taken over
        assertEquals(ME, store.get(api).orElseThrow().owner());
        crashed.close();
    }

    @Test
    void aForwardRunByAnotherLiveProcessCannotBeClaimed() {
        try (SqliteStateStore other = stateStore(OTHER, Duration.ofMillis(100))) {
            other.put(state(web, ForwardStatus.RUNNING));
            ConflictException error = assertThrows(ConflictException.class,
                    () -> store.put(state(web, ForwardStatus.STARTING)));
            assertTrue(error.getMessage().contains(OTHER.toString()), error.getMessage());
            assertEquals(OTHER, store.get(web).orElseThrow().owner());
        }
        ForwardState afterExit = store.get(web).orElseThrow();
        assertEquals(ForwardStatus.STOPPED, afterExit.status(), "a closing store stops the forwards it claimed");
        assertFalse(afterExit.stale());
        store.put(state(web, ForwardStatus.STARTING));
    }

    @Test
    void controlRequestsReachTheOwningProcessOnly() {
        try (SqliteStateStore other = stateStore(OTHER, Duration.ofMillis(100))) {
            other.put(state(web, ForwardStatus.RUNNING));
            store.submit(new ControlRequest(web, Action.STOP, null)); // addressed to the current owner
            store.submit(new ControlRequest(web, Action.RESTART, OTHER));
            assertEquals(List.of(), store.takeRequests());
            assertEquals(List.of(new ControlRequest(web, Action.STOP, OTHER), new ControlRequest(web, Action.RESTART, OTHER)),
                    other.takeRequests());
            assertEquals(List.of(), other.takeRequests());
        }
    }

    @Test
    void pollsThatFoundNothingStillTakeRequestsQueuedLater() {
        store.put(state(web, ForwardStatus.RUNNING));
        assertEquals(List.of(), store.takeRequests());
        assertEquals(List.of(), store.takeRequests(), "nobody committed since: the queue is not even read");
        try (SqliteStateStore other = stateStore(OTHER, Duration.ofMillis(100))) {
            other.submit(new ControlRequest(web, Action.STOP, ME));
            assertEquals(List.of(new ControlRequest(web, Action.STOP, ME)), store.takeRequests());
        }
        assertEquals(List.of(), store.takeRequests());
        store.submit(new ControlRequest(web, Action.RESTART, ME));
        assertEquals(List.of(new ControlRequest(web, Action.RESTART, ME)), store.takeRequests(),
                "a request this store queued for itself, which its own connection's commit does not announce");
    }

    @Test
    void watchersAreToldOfRequestsAnotherProcessQueuedForThisOneAndOnlyOfThose() throws Exception {
        store.put(state(web, ForwardStatus.RUNNING));
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (SqliteStateStore other = stateStore(OTHER, Duration.ofMillis(100));
             AutoCloseable watch = store.watchRequests(() -> told.add("maybe"))) {
            other.put(state(api, ForwardStatus.RUNNING));
            store.submit(new ControlRequest(api, Action.STOP, OTHER));
            assertNull(told.poll(500, TimeUnit.MILLISECONDS), "requests for another process are not announced here");

            other.submit(new ControlRequest(web, Action.STOP, ME));
            assertEquals("maybe", told.poll(2, TimeUnit.SECONDS), "announced within the poll interval");
            assertEquals(List.of(new ControlRequest(web, Action.STOP, ME)), store.takeRequests());

            told.clear();
            store.submit(new ControlRequest(web, Action.RESTART, ME));
            assertEquals("maybe", told.poll(2, TimeUnit.SECONDS), "a request this store queued for itself too");
            assertEquals(List.of(new ControlRequest(web, Action.RESTART, ME)), store.takeRequests());

            watch.close();
            told.clear();
            other.submit(new ControlRequest(web, Action.STOP, ME));
            assertNull(told.poll(500, TimeUnit.MILLISECONDS), "a closed watch is told nothing");
            assertEquals(List.of(new ControlRequest(web, Action.STOP, ME)), store.takeRequests(),
                    "the request is still there for the owner's own poll");
        }
    }

    @Test
    void anOwnerOnThisHostWhoseProcessIsGoneIsStaleAtOnce() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Owner crashed = new Owner(exited.pid(), LocalProcess.owner().host());
        Owner alive = new Owner(ProcessHandle.current().pid(), LocalProcess.owner().host());
        try (SqliteStateStore dead = new SqliteStateStore(Fixtures.database(dir), Fixtures.BUSY, Duration.ofMillis(100),
                Duration.ofHours(1), 5, crashed);
             SqliteStateStore running = new SqliteStateStore(Fixtures.database(dir), Fixtures.BUSY, Duration.ofMillis(100),
                     Duration.ofHours(1), 5, alive)) {
            dead.put(state(web, ForwardStatus.RUNNING));
            running.put(state(api, ForwardStatus.RUNNING));

            assertFalse(store.isLive(crashed), "its heartbeat is fresh, but its process is gone");
            assertTrue(store.get(web).orElseThrow().stale());
            assertEquals(ForwardStatus.STOPPED, store.get(web).orElseThrow().status());
            assertTrue(store.isLive(alive));
            assertEquals(ForwardStatus.RUNNING, store.get(api).orElseThrow().status());
        }
    }

    @Test
    void aRequestWithAnActionThisVersionDoesNotKnowIsSkippedAndRemoved() throws Exception {
        store.put(state(web, ForwardStatus.RUNNING));
        store.submit(new ControlRequest(web, Action.STOP, ME));
        // what a newer kftray's schema might allow (this one's CHECK constraint is bypassed to write it)
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + Fixtures.database(dir));
             Statement insert = raw.createStatement()) {
            insert.execute("PRAGMA ignore_check_constraints = ON");
            insert.executeUpdate("INSERT INTO control_requests (config_id, action, target_pid, target_host, requested_at)"
                    + " VALUES (" + web + ", 'HIBERNATE', " + ME.pid() + ", '" + ME.host() + "', "
                    + System.currentTimeMillis() + ")");
        }
        store.submit(new ControlRequest(api, Action.RESTART, ME));

        assertEquals(List.of(new ControlRequest(web, Action.STOP, ME), new ControlRequest(api, Action.RESTART, ME)),
                store.takeRequests(), "the others are not held up");
        assertEquals(List.of(), store.takeRequests(), "nor does it come back");
    }

    @Test
    void refusesRequestsNobodyCouldTake() {
        KftrayException notRunning = assertThrows(KftrayException.class,
                () -> store.submit(new ControlRequest(web, Action.STOP, null)));
        assertTrue(notRunning.getMessage().contains("not running"), notRunning.getMessage());
        KftrayException deadTarget = assertThrows(KftrayException.class,
                () -> store.submit(new ControlRequest(web, Action.START, new Owner(4242, "elsewhere"))));
        assertTrue(deadTarget.getMessage().contains("4242@elsewhere"), deadTarget.getMessage());
        assertThrows(KftrayException.class, () -> store.submit(new ControlRequest(999, Action.STOP, ME)));
    }

    @Test
    void refusesStateOfUnknownForwards() {
        KftrayException error = assertThrows(KftrayException.class, () -> store.put(state(999, ForwardStatus.RUNNING)));
        assertTrue(error.getMessage().contains("999"), error.getMessage());
        assertEquals(List.of(), store.list());
    }

    @Test
    void stateDisappearsWithItsDefinition() {
        store.put(state(web, ForwardStatus.RUNNING));
        try (SqliteConfigStore configs = Fixtures.configStore(dir)) {
            configs.delete(web);
        }
        assertTrue(store.get(web).isEmpty());
        assertEquals(List.of(), store.history(web, 10));
    }

    private SqliteStateStore stateStore(Owner owner, Duration heartbeat) {
        return new SqliteStateStore(Fixtures.database(dir), Fixtures.BUSY, heartbeat, STALE, 5, owner);
    }

    private static ForwardState state(long configId, ForwardStatus status) {
        return new ForwardState(configId, status, null, "web-7d4f", "127.0.0.1:8080",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, ForwardCounters.ZERO, false);
    }
}
