package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardStatus;
import app.kftray.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests other processes queue are taken when the store announces them, not only at the engine's own poll. */
class EngineControlRequestTest extends EngineTestBase {
    /** Far longer than the test waits: only the store's announcement can make the engine act in time. */
    private static final EngineSettings SLOW_POLL = new EngineSettings(Duration.ofMinutes(5), Duration.ofMillis(100),
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(50));

    @Test
    void anAnnouncedRequestIsActedOnBeforeTheNextPoll() throws Exception {
        engine.deactivate();
        assertEquals(0, states.requestWatchers(), "a deactivated engine no longer watches");
        engine = new ForwardEngine(SLOW_POLL, configs, states, cluster, transport, LOOPS.group());
        engine.addHandler(tcp, handlerProperties("tcp"));
        assertEquals(1, states.requestWatchers());
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));

        states.submit(new ControlRequest(web.id(), ControlRequest.Action.START, InMemoryStateStore.SELF));
        Await.until("started on request", WAIT, () -> engine.status(web.id()).status() == ForwardStatus.RUNNING);

        states.submit(new ControlRequest(web.id(), ControlRequest.Action.STOP, InMemoryStateStore.SELF));
        Await.until("stopped on request", WAIT, () -> engine.status(web.id()).status() == ForwardStatus.STOPPED);
    }
}
