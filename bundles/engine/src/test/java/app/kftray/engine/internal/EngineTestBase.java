package app.kftray.engine.internal;

import app.kftray.api.ProtocolHandler;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.forward.tcp.internal.TcpProtocolHandler;
import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.InMemoryConfigStore;
import app.kftray.testing.LoopbackTransport;
import app.kftray.testing.TestClient;
import app.kftray.testing.TestEventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An engine over in-memory stores, a fake cluster and the real tcp handler on loopback. */
abstract class EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final EngineSettings FAST = new EngineSettings(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(50));
    @RegisterExtension
    static final TestEventLoops LOOPS = new TestEventLoops();

    final InMemoryConfigStore configs = new InMemoryConfigStore();
    final InMemoryStateStore states = new InMemoryStateStore();
    final FakeCluster cluster = new FakeCluster();
    final EventLog events = new EventLog();
    final TcpProtocolHandler tcp = new TcpProtocolHandler();
    final List<AutoCloseable> cleanup = new ArrayList<>();
    LoopbackTransport transport;
    ForwardEngine engine;

    @BeforeEach
    void startEngine() {
        transport = new LoopbackTransport(LOOPS.group());
        engine = new ForwardEngine(FAST, configs, states, cluster, transport, LOOPS.group());
        engine.addListener(events, Map.of());
        engine.addHandler(tcp, handlerProperties("tcp"));
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.deactivate();
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    static Map<String, Object> handlerProperties(String protocol) {
        return Map.of(ProtocolHandler.PROTOCOL, protocol);
    }

    /** Starts a backend announcing {@code pod} and registers it as a pod of {@code service}. */
    Backend pod(String service, String pod) {
        Backend backend = Backend.announcing(LOOPS.group(), pod);
        cleanup.add(backend);
        cluster.addPod(service, pod, backend.port());
        return backend;
    }

    ForwardConfig save(ForwardConfig.Builder config) {
        return configs.create(config.build());
    }

    static ForwardConfig.Builder service(String alias, String service) {
        return ForwardConfig.builder().alias(alias).namespace("default").service(service).remotePort(80);
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Connects to the forward and waits for the greeting of {@code pod}. */
    TestClient greeted(ForwardState state, String pod) {
        TestClient client = connect(state);
        Await.until("greeting of " + pod, WAIT, () -> client.text().equals(pod + "\n"));
        return client;
    }

    TestClient connect(ForwardState state) {
        String[] hostPort = state.boundAddress().split(":");
        TestClient client = TestClient.connect(LOOPS.group(), new InetSocketAddress(hostPort[0],
                Integer.parseInt(hostPort[1])));
        cleanup.add(client);
        return client;
    }
}
