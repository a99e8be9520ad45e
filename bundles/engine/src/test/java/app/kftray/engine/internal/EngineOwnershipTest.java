package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import app.kftray.testing.Await;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * A forward runs in one process: one that finds it held by a live owner stands by and takes it over
 * once the owner looks dead; an owner that finds it taken over (it was frozen) leaves it to the taker.
 */
class EngineOwnershipTest extends EngineTestBase {
    private static final Owner OTHER = new Owner(99, "test-host");

    @Test
    void forwardOfALiveOwnerIsLeftToItAndTakenOverOnceItsHeartbeatIsStale() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        states.claimedBy(OTHER, web.id());

        ForwardState left = await(engine.start(web.id()));
        assertEquals(ForwardStatus.STOPPED, left.status());
        assertNull(left.boundAddress(), "no listener while another process runs the forward");
        assertTrue(left.lastError().startsWith("run by kftray process 99@test-host"), left.lastError());
        Thread.sleep(300); // several looks at the owner
        assertEquals(OTHER, states.get(web.id()).orElseThrow().owner(), "the live owner's row is untouched");

        states.silenced(OTHER);
        Await.until("taken over", WAIT, () -> engine.status(web.id()).status() == ForwardStatus.RUNNING);
        assertEquals(InMemoryStateStore.SELF, states.get(web.id()).orElseThrow().owner());
        greeted(engine.status(web.id()), "web-a");
    }

    @Test
    void forwardTheLiveOwnerStopsIsNotStartedHere() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        states.claimedBy(OTHER, web.id());
        await(engine.start(web.id()));

        states.stoppedByOwner(web.id());
        Await.until("given up", WAIT, () -> "stopped by the kftray process that ran it"
                .equals(engine.status(web.id()).lastError()));
        Thread.sleep(300);
        assertTrue(states.writes().stream().noneMatch(s -> s.configId() == web.id()),
                "this process never claimed the forward: " + states.writes());
    }

    @Test
    void ownerWhoseForwardWasTakenOverLeavesItToTheTakerAndStandsBy() throws Exception {
        pod("web", "web-a");
        ForwardConfig web = save(service("web", "web"));
        ForwardState running = await(engine.start(web.id()));
        greeted(running, "web-a");

        states.claimedBy(OTHER, web.id());
        Await.until("left to the taker", WAIT, () -> engine.status(web.id()).status() == ForwardStatus.STOPPED);
        assertTrue(engine.status(web.id()).lastError().startsWith("taken over by kftray process 99@test-host"),
                engine.status(web.id()).lastError());
        Await.until("the listener closed", WAIT, () -> refuses(running.boundAddress()));
        Thread.sleep(300);
        assertEquals(OTHER, states.get(web.id()).orElseThrow().owner(), "the taker keeps the forward");

        states.silenced(OTHER);
        Await.until("back here once the taker is gone", WAIT,
                () -> engine.status(web.id()).status() == ForwardStatus.RUNNING);
        assertEquals(InMemoryStateStore.SELF, states.get(web.id()).orElseThrow().owner());
    }

    private static boolean refuses(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket ignored = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
