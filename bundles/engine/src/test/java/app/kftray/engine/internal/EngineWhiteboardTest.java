package app.kftray.engine.internal;

import static app.kftray.api.model.ForwardStatus.FAILED;
import static app.kftray.api.model.ForwardStatus.RUNNING;
import static app.kftray.api.model.ForwardStatus.STARTING;
import static app.kftray.api.model.ForwardStatus.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @Test
    void aHandlerDeclaringThatItNeedsTheRelayGetsARelayPodAsItsTarget() throws Exception {
        RecordingRelay relay = new RecordingRelay();
        engine.relay = relay;
        engine.addHandler(new FakeHandler("quic"), relayedHandlerProperties("quic"));
        ForwardConfig quic = save(service("quic", "web").protocol("quic"));

        ForwardState running = await(engine.start(quic.id()));

        assertEquals(RUNNING, running.status(), running.lastError());
        assertEquals("kftray-relay-quic", running.pod());
        assertEquals(List.of("ensure quic"), relay.calls);
        await(engine.stop(quic.id()));
        assertEquals(List.of("ensure quic", "release quic"), relay.calls);
    }

    @Test
    void aRelayedProtocolWithoutARelayManagerFailsNamingTheProtocol() throws Exception {
        engine.addHandler(new FakeHandler("quic"), relayedHandlerProperties("quic"));
        ForwardConfig quic = save(service("quic", "web").protocol("quic"));

        ForwardState failed = await(engine.start(quic.id()));

        assertEquals(FAILED, failed.status());
        assertTrue(failed.lastError().contains("needs the in-cluster relay (quic protocol)"), failed.lastError());
    }

    @Test
    void aHandlerWithoutTheTraitResolvesPodsOfTheClusterEvenWithARelayInstalled() throws Exception {
        pod("web", "web-a");
        RecordingRelay relay = new RecordingRelay();
        engine.relay = relay;
        engine.addHandler(new FakeHandler("socks5"), handlerProperties("socks5"));
        ForwardConfig socks = save(service("socks", "web").protocol("socks5"));

        ForwardState running = await(engine.start(socks.id()));

        assertEquals("web-a", running.pod());
        assertEquals(List.of(), relay.calls);
    }

    private static Map<String, Object> relayedHandlerProperties(String protocol) {
        return Map.of(ProtocolHandler.PROTOCOL, protocol, ProtocolHandler.NEEDS_RELAY, Boolean.TRUE);
    }

    /** A relay manager whose relay pod for a forward is named after its alias; records its calls. */
    private static final class RecordingRelay implements RelayManager {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public ResolvedTarget ensureRelay(ForwardConfig config) {
            calls.add("ensure " + config.alias());
            return new ResolvedTarget(new PodRef(new ClusterRef(null, "fake"), "default",
                    "kftray-relay-" + config.alias(), "uid"), 8080);
        }

        @Override
        public void release(ForwardConfig config) {
            calls.add("release " + config.alias());
        }

        @Override
        public int removeOrphans(ClusterRef cluster, String namespace) {
            return 0;
        }
    }
}
