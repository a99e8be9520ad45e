package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.RECONNECTING;
import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STARTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.testing.Await;
import app.kftray.testing.TestClient;
import org.junit.jupiter.api.Test;

/** Lost pods and a lost API server are recovered from without user action. */
class EngineRecoveryTest extends EngineTestBase {

    @Test
    void deletedPodIsReplacedAndNewConnectionsReachTheNewPod() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));
        TestClient old = greeted(running, "web-a");

        pod("web", "web-b");
        cluster.deletePod("web-a");

        events.awaitStatuses(web.id(), STARTING, RUNNING, RECONNECTING, RUNNING);
        assertEquals("pod default/web-a was deleted", events.events().stream()
                .filter(e -> e.state().status() == RECONNECTING).findFirst().orElseThrow().message());
        Await.until("the old connection closed", WAIT, () -> old.closed().isDone());
        TestClient fresh = greeted(running, "web-b");
        ForwardState now = engine.status(web.id());
        assertEquals("web-b", now.pod());
        assertEquals(running.boundAddress(), now.boundAddress());
        assertEquals(1, now.counters().reconnects());
    }

    @Test
    void unreadyPodWithoutReplacementRefusesClientsUntilItIsReadyAgain() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));

        cluster.ready("web-a", false);
        events.awaitStatuses(web.id(), STARTING, RUNNING, RECONNECTING);
        TestClient refused = connect(running);
        Await.until("the refused client closed", WAIT, () -> refused.closed().isDone());
        Await.until("the retry noted", WAIT, () -> "no ready pod behind service 'web'"
                .equals(engine.status(web.id()).lastError()));

        cluster.ready("web-a", true);
        events.awaitStatuses(web.id(), STARTING, RUNNING, RECONNECTING, RUNNING);
        TestClient served = greeted(running, "web-a");
    }

    @Test
    void lostApiServerReconnectsAndKeepsConnectionsToTheSamePod() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));
        TestClient client = greeted(running, "web-a");

        cluster.loseApi();
        events.awaitStatuses(web.id(), STARTING, RUNNING, RECONNECTING);
        Await.until("a failed retry noted", WAIT, () -> String.valueOf(engine.status(web.id()).lastError())
                .contains("unreachable"));
        cluster.restoreApi();

        events.awaitStatuses(web.id(), STARTING, RUNNING, RECONNECTING, RUNNING);
        client.send("still here");
        Await.until("echo over the kept connection", WAIT, () -> client.text().equals("web-a\nstill here"));
        assertFalse(client.closed().isDone());
        assertEquals(1, cluster.openWatches());
    }

    @Test
    void unreachableClusterAtStartKeepsTheListenerAndRecovers() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        cluster.loseApi();

        ForwardState reconnecting = await(engine.start(web.id()));

        assertEquals(RECONNECTING, reconnecting.status());
        assertTrue(reconnecting.lastError().contains("unreachable"), reconnecting.lastError());
        cluster.restoreApi();
        events.awaitStatuses(web.id(), STARTING, RECONNECTING, RUNNING);
        TestClient client = greeted(reconnecting, "web-a");
    }

    @Test
    void streamFailureReportedByTheHandlerTriggersReResolution() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));

        // the pod is replaced while the watch misses it: only the failing stream tells
        pod("web", "web-0");
        transport.failNextOpens(1);
        TestClient failed = connect(running);
        Await.until("the failed client closed", WAIT, () -> failed.closed().isDone());

        Await.until("switched to web-0", WAIT, () -> "web-0".equals(engine.status(web.id()).pod()));
        TestClient fresh = greeted(running, "web-0");
        assertEquals(RUNNING, engine.status(web.id()).status());
    }
}
