package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.FAILED;
import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STARTING;
import static app.kftray.api.model.ForwardStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ForwardListener;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.StateStore.ControlRequest.Action;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.WorkloadType;
import app.kftray.testing.Await;
import app.kftray.testing.TestClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start, stop, failures, control requests and counters. */
class EngineLifecycleTest extends EngineTestBase {

    @Test
    void startedForwardRunsAndStopsWithEveryTransitionPublishedAndStored() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));

        ForwardState running = await(engine.start(web.id()));

        assertEquals(RUNNING, running.status());
        assertEquals("web-a", running.pod());
        assertEquals(InMemoryStateStore.SELF, running.owner());
        TestClient client = greeted(running, "web-a");

        ForwardState stopped = await(engine.stop(web.id()));

        assertEquals(STOPPED, stopped.status());
        assertNull(stopped.boundAddress());
        events.awaitStatuses(web.id(), STARTING, RUNNING, STOPPED);
        assertEquals(List.of(STARTING, RUNNING, STOPPED), states.writes().stream()
                .filter(s -> s.configId() == web.id()).map(ForwardState::status).distinct().toList());
        assertEquals(STOPPED, states.get(web.id()).orElseThrow().status());
        Await.until("the client closed", WAIT, () -> client.closed().isDone());
        assertEquals(0, cluster.openWatches());
    }

    @Test
    void namespaceForwardRunsWithoutChoosingOrWatchingAPod() throws Exception {
        ForwardConfig everything = save(ForwardConfig.builder().alias("all").namespace("default")
                .workloadType(WorkloadType.NAMESPACE).protocol("tcp").localPort(0));

        ForwardState running = await(engine.start(everything.id()));

        assertEquals(RUNNING, running.status(), running.lastError());
        assertNull(running.pod());
        assertEquals(0, cluster.openWatches());
        assertEquals(STOPPED, await(engine.stop(everything.id())).status());
    }

    @Test
    void missingServiceFailsWithTheClusterMessageAndBindsNothing() throws Exception {
        ForwardConfig web = save(service("web", "nowhere"));

        ForwardState failed = await(engine.start(web.id()));

        assertEquals(FAILED, failed.status());
        assertEquals("service 'nowhere' not found in namespace default", failed.lastError());
        assertNull(failed.boundAddress());
        events.awaitStatuses(web.id(), STARTING, FAILED);
    }

    @Test
    void invalidOrUnknownDefinitionsFailWithAClearMessage() throws Exception {
        ForwardConfig bad = save(service("bad", "web").namespace("Not_A_Namespace").localPort(70000));

        ForwardState invalid = await(engine.start(bad.id()));
        ForwardState unknown = await(engine.start(999));

        assertEquals(FAILED, invalid.status());
        assertTrue(invalid.lastError().startsWith("forward 'bad' is not valid: namespace:"), invalid.lastError());
        assertTrue(invalid.lastError().contains("local_port"), invalid.lastError());
        assertEquals("there is no saved forward with id 999", unknown.lastError());
    }

    @Test
    void portInUseFailsNamingTheAddress() throws Exception {
        pod("web", "web-a");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ForwardConfig web = save(service("web", "web").localPort(taken.getLocalPort()));

            ForwardState failed = await(engine.start(web.id()));

            assertEquals(FAILED, failed.status());
            assertTrue(failed.lastError().contains("127.0.0.1:" + taken.getLocalPort() + ": it is already in use"),
                    failed.lastError());
            assertEquals(0, cluster.openWatches());
        }
    }

    @Test
    void proxyWithoutRelayManagerFailsSayingWhatIsMissing() throws Exception {
        ForwardConfig proxy = save(ForwardConfig.builder().alias("db").namespace("default")
                .workloadType(WorkloadType.PROXY).remoteAddress("db.example.com").remotePort(5432));

        ForwardState failed = await(engine.start(proxy.id()));

        assertEquals(FAILED, failed.status());
        assertTrue(failed.lastError().contains("needs the in-cluster relay (proxy workload)"), failed.lastError());
    }

    @Test
    void controlRequestsFromOtherProcessesAreActedOn() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));

        states.submit(new ControlRequest(web.id(), Action.START, InMemoryStateStore.SELF));
        events.awaitStatuses(web.id(), STARTING, RUNNING);
        states.submit(new ControlRequest(web.id(), Action.RESTART, InMemoryStateStore.SELF));
        events.awaitStatuses(web.id(), STARTING, RUNNING, STOPPED, STARTING, RUNNING);
        states.submit(new ControlRequest(web.id(), Action.STOP, InMemoryStateStore.SELF));
        events.awaitStatuses(web.id(), STARTING, RUNNING, STOPPED, STARTING, RUNNING, STOPPED);
    }

    @Test
    void countersReachTheStateStoreAndListenersHearOnlyTheirForward() throws Exception {
        pod("web", "web-a");
        pod("api", "api-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardConfig api = save(service("api", "api"));
        EventLog apiOnly = new EventLog();
        engine.addListener(apiOnly, Map.of(ForwardListener.CONFIG_ID, String.valueOf(api.id())));

        TestClient client = connect(await(engine.start(web.id())));
        client.send("hello");
        Await.until("echo", WAIT, () -> client.text().equals("web-a\nhello"));

        Await.until("counters written", WAIT, () -> states.get(web.id()).orElseThrow().counters().bytesIn() == 11);
        ForwardState stored = states.get(web.id()).orElseThrow();
        assertEquals(5, stored.counters().bytesOut());
        assertEquals(1, stored.counters().totalConnections());
        assertEquals(RUNNING, stored.status());
        assertTrue(events.events().stream().anyMatch(e -> e.type() == ForwardEvent.Type.CONNECTION_OPENED));
        assertTrue(events.events().stream().anyMatch(e -> e.type() == ForwardEvent.Type.TARGET_CONNECTED
                && e.configId() == web.id() && !e.latency().isNegative()), "connect latency reported");
        assertEquals(List.of(), apiOnly.events());

        await(engine.start(api.id()));
        apiOnly.awaitStatuses(api.id(), STARTING, RUNNING);
    }

    @Test
    void startAllAndDeactivateStopEverythingAndReleaseThePorts() throws Exception {
        pod("web", "web-a");
        pod("api", "api-a");
        save(service("web", "web"));
        save(service("api", "api"));

        List<ForwardState> started = await(engine.startAll());
        assertEquals(List.of(RUNNING, RUNNING), started.stream().map(ForwardState::status).toList());
        List<ForwardState> running = engine.running();
        assertEquals(2, running.size());

        engine.deactivate();

        for (ForwardState state : running) {
            int port = Integer.parseInt(state.boundAddress().substring(state.boundAddress().lastIndexOf(':') + 1));
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
            assertEquals(STOPPED, states.get(state.configId()).orElseThrow().status());
        }
        assertThrows(IllegalStateException.class, () -> engine.start(1));
    }
}
