package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.FAILED;
import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STARTING;
import static app.kftray.api.model.ForwardStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Protocol handlers come and go; forwards wait for theirs and stop when it leaves. */
class EngineWhiteboardTest extends EngineTestBase {

    @Test
    void forwardOfAnUninstalledProtocolWaitsAndStartsWhenItsHandlerArrives() throws Exception {
        pod("web", "web-a");
        ForwardConfig socks = save(service("socks", "web").protocol("socks5"));

        ForwardState waiting = await(engine.start(socks.id()));

        assertEquals(FAILED, waiting.status());
        assertEquals("no handler for protocol 'socks5' is installed; forward 'socks' starts as soon as one is",
                waiting.lastError());
        FakeHandler handler = new FakeHandler("socks5");
        engine.addHandler(handler, handlerProperties("socks5"));

        events.awaitStatuses(socks.id(), STARTING, FAILED, STARTING, RUNNING);
        assertEquals(Set.of("socks5", "tcp"), engine.protocols());
        assertEquals("127.0.0.1:1080", engine.status(socks.id()).boundAddress());
    }

    @Test
    void departingHandlerStopsItsForwardsWithAReasonAndAReturningOneRestartsThem() throws Exception {
        pod("web", "web-a");
        ForwardConfig socks = save(service("socks", "web").protocol("socks5"));
        FakeHandler first = new FakeHandler("socks5");
        engine.addHandler(first, handlerProperties("socks5"));
        await(engine.start(socks.id()));

        engine.removeHandler(first, handlerProperties("socks5"));

        ForwardState stopped = engine.status(socks.id());
        assertEquals(STOPPED, stopped.status());
        assertEquals("the handler for protocol 'socks5' was removed", stopped.lastError());
        assertEquals(1, first.stopped.get());
        assertEquals(Set.of("tcp"), engine.protocols());

        FakeHandler second = new FakeHandler("socks5");
        engine.addHandler(second, handlerProperties("socks5"));
        events.awaitStatuses(socks.id(), STARTING, RUNNING, STOPPED, STARTING, RUNNING);
        assertEquals(1, second.started.get());
    }

    @Test
    void userStoppedForwardsStayStoppedWhenAHandlerArrives() throws Exception {
        ForwardConfig socks = save(service("socks", "web").protocol("socks5"));
        await(engine.start(socks.id()));
        await(engine.stop(socks.id()));

        FakeHandler handler = new FakeHandler("socks5");
        engine.addHandler(handler, handlerProperties("socks5"));
        await(engine.stop(socks.id())); // runs after whatever the arrival queued for this forward

        assertEquals(0, handler.started.get());
        assertEquals(STOPPED, engine.status(socks.id()).status());
    }
}
