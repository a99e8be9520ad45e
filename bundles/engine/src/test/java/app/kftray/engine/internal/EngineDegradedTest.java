package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.DEGRADED;
import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STARTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.testing.Await;
import app.kftray.testing.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Honest state: a forward whose connections keep failing says so, and says when they work again. */
class EngineDegradedTest extends EngineTestBase {

    @Test
    void connectionsThatKeepFailingMakeTheForwardDegradedUntilOneWorks() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));

        transport.failNextOpens(ForwardHealth.FAILURES_DEGRADED);
        for (int i = 0; i < ForwardHealth.FAILURES_DEGRADED; i++) {
            TestClient refused = connect(running);
            Await.until("client " + i + " closed", WAIT, () -> refused.closed().isDone());
        }
        events.awaitStatuses(web.id(), STARTING, RUNNING, DEGRADED);
        ForwardState degraded = states.get(web.id()).orElseThrow();
        assertEquals(DEGRADED, degraded.status());
        assertTrue(degraded.lastError().matches("cannot open a stream to default/web-a:\\d+ \\(injected failure\\)"),
                "the stored state says what keeps failing: " + degraded.lastError());

        greeted(running, "web-a");
        events.awaitStatuses(web.id(), STARTING, RUNNING, DEGRADED, RUNNING);
        assertNull(engine.status(web.id()).lastError());
    }

    @Test
    void aFailureNowAndThenLeavesTheForwardRunning() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));
        for (int round = 0; round < 3; round++) {
            transport.failNextOpens(ForwardHealth.FAILURES_DEGRADED - 1);
            for (int i = 0; i < ForwardHealth.FAILURES_DEGRADED - 1; i++) {
                TestClient refused = connect(running);
                Await.until("client closed", WAIT, () -> refused.closed().isDone());
            }
            greeted(running, "web-a");
        }
        assertEquals(List.of(STARTING, RUNNING), events.statuses(web.id()));
    }
}
