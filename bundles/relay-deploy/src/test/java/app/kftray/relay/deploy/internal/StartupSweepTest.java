package app.kftray.relay.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.kftray.api.ProtocolHandler;
import app.kftray.api.RelayManager;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.testing.InMemoryConfigStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up sweep looks for leftover relay pods where a saved forward may have deployed one: proxy
 * workloads at once, forwards of a protocol as soon as a handler declaring that it needs the relay
 * is registered, and nowhere else.
 */
class StartupSweepTest {
    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final SweptNamespaces relays = new SweptNamespaces();
    private StartupSweep sweep;

    @AfterEach
    void stopSweep() {
        sweep.stop();
    }

    @Test
    void proxyWorkloadsAreSweptAtOnceAndRelayedProtocolsWhenTheirHandlerDeclaresIt() throws Exception {
        configs.saved(forward(1, "db-ns", WorkloadType.PROXY, "tcp"));
        configs.saved(forward(2, "dns-ns", WorkloadType.SERVICE, "udp"));
        configs.saved(forward(3, "web-ns", WorkloadType.SERVICE, "tcp"));

        sweep = StartupSweep.start(configs, relays);
        assertEquals("db-ns", relays.next());
        sweep.handlerAdded(handler("tcp", false));
        sweep.handlerAdded(handler("udp", true));

        assertEquals("dns-ns", relays.next());
        sweep.handlerAdded(handler("quic", true)); // a later pass: every namespace it would sweep is done
        assertNull(relays.next(200), "the tcp forward's namespace and no namespace twice");
    }

    @Test
    void aHotInstalledProtocolThatNeedsTheRelayHasItsNamespacesSweptOnArrival() throws Exception {
        configs.saved(forward(1, "a", WorkloadType.SERVICE, "quic"));
        configs.saved(forward(2, "b", WorkloadType.POD, "quic"));
        configs.saved(forward(3, "a", WorkloadType.SERVICE, "quic"));
        sweep = StartupSweep.start(configs, relays);
        assertNull(relays.next(200), "no handler for quic yet");

        sweep.handlerAdded(handler("QUIC ", true));

        assertEquals(List.of("a", "b"), List.of(relays.next(), relays.next()));
        assertNull(relays.next(200));
    }

    @Test
    void aProtocolWhoseHandlerLeftIsNoLongerSweptForLaterForwards() throws Exception {
        sweep = StartupSweep.start(configs, relays);
        sweep.handlerAdded(handler("udp", true));
        sweep.handlerRemoved(handler("udp", true));
        configs.saved(forward(1, "dns-ns", WorkloadType.SERVICE, "udp"));
        configs.saved(forward(2, "db-ns", WorkloadType.PROXY, "tcp"));

        sweep.handlerAdded(handler("quic", true)); // another pass

        assertEquals("db-ns", relays.next());
        assertNull(relays.next(200));
    }

    private static ForwardConfig forward(long id, String namespace, WorkloadType type, String protocol) {
        return ForwardConfig.builder().id(id).alias("f" + id).context("dev").namespace(namespace).workloadType(type)
                .service("svc").target("app=x").remoteAddress("10.0.0.1").remotePort(53).protocol(protocol).build();
    }

    private static Map<String, Object> handler(String protocol, boolean needsRelay) {
        return needsRelay ? Map.of(ProtocolHandler.PROTOCOL, protocol, ProtocolHandler.NEEDS_RELAY, "true")
                : Map.of(ProtocolHandler.PROTOCOL, protocol);
    }

    /** Records the namespaces the sweep looked in. */
    private static final class SweptNamespaces implements RelayManager {
        private final BlockingQueue<String> namespaces = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            return next(10_000);
        }

        String next(long millis) throws InterruptedException {
            return namespaces.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public int removeOrphans(ClusterRef cluster, String namespace) {
            namespaces.add(namespace);
            return 0;
        }

        @Override
        public ResolvedTarget ensureRelay(ForwardConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(ForwardConfig config) {
            throw new UnsupportedOperationException();
        }
    }
}
