package app.kftray.forward.tcp.internal;

import app.kftray.api.model.ForwardConfig;
import app.kftray.testing.Backend;
import app.kftray.testing.LoopbackTransport;
import app.kftray.testing.RecordingMonitor;
import app.kftray.testing.TestClient;
import app.kftray.testing.TestEventLoops;
import app.kftray.testing.TestForwardContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One event loop group per class; per test a transport, a monitor, a handler and cleanup. */
abstract class TcpForwardTestBase {
    static final long MIB = 1024 * 1024;
    /** The pod name of every target. */
    static final String POD = "web-0";
    @RegisterExtension
    static final TestEventLoops LOOPS = new TestEventLoops();

    final List<AutoCloseable> cleanup = new ArrayList<>();
    final RecordingMonitor monitor = new RecordingMonitor();
    final TcpProtocolHandler handler = new TcpProtocolHandler();
    LoopbackTransport transport;
    TestForwardContext context;

    @BeforeEach
    void createContext() {
        transport = new LoopbackTransport(LOOPS.group());
        context = context(config(0));
    }

    static ForwardConfig config(int localPort) {
        return ForwardConfig.builder().id(7L).alias("web").namespace("default").service("web")
                .remotePort(80).localPort(localPort).build();
    }

    TestForwardContext context(ForwardConfig config) {
        return new TestForwardContext(config, "no ready pod for forward 'web' right now", transport, LOOPS.group(),
                monitor);
    }

    @AfterEach
    void closeEverything() throws Exception {
        handler.deactivate();
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(resource);
        return resource;
    }

    Backend backend(Backend backend) {
        context.target(POD, backend.port());
        return closeLater(backend);
    }

    TcpForward start() {
        return (TcpForward) handler.start(context);
    }

    TestClient connect(TcpForward forward) {
        return closeLater(TestClient.connect(LOOPS.group(), forward.boundAddress()));
    }
}
