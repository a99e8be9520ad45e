package app.kftray.forward.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KftrayException;
import app.kftray.api.KubeException;
import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.TestClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Failures stay with one connection; the listener binds, reports and stops cleanly. */
class TcpLifecycleTest extends TcpForwardTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void failedStreamOpenClosesOnlyThatClientAndReportsTheTarget() throws Exception {
        backend(Backend.announcing(LOOPS.group(), "pod-a"));
        TcpForward forward = start();
        transport.failNextOpens(1);

        TestClient refused = connect(forward);
        refused.closed().get(5, TimeUnit.SECONDS);
        TestClient served = connect(forward);
        Await.until("greeting", WAIT, () -> served.text().equals("pod-a\n"));

        assertEquals("", refused.text());
        assertEquals(1, monitor.targetFailures().size());
        assertTrue(monitor.targetFailures().get(0) instanceof KubeException);
        assertTrue(monitor.errors().get(0).contains("cannot open a stream to default/web-0"), monitor.errors().get(0));
    }

    @Test
    void aStreamRefusedAfterItWasHandedOverClosesOnlyThatClientAndCountsAsFailed() throws Exception {
        backend(Backend.announcing(LOOPS.group(), "pod-a"));
        TcpForward forward = start();
        transport.refuseNextPipelinedOpens(1);

        TestClient refused = connect(forward);
        refused.send("hello before the refusal");
        refused.closed().get(5, TimeUnit.SECONDS);
        TestClient served = connect(forward);
        Await.until("greeting", WAIT, () -> served.text().equals("pod-a\n"));

        assertEquals("", refused.text());
        assertEquals(1, monitor.targetFailures().size(), "the refused connection, and only it, failed");
        assertTrue(monitor.targetFailures().get(0) instanceof KubeException);
        assertTrue(monitor.errors().get(0).contains("the pod stream failed"), monitor.errors().get(0));
        assertTrue(monitor.errors().get(0).contains("injected refusal"), monitor.errors().get(0));
    }

    @Test
    void connectionsWithoutATargetAreClosedAtOnce() throws Exception {
        TcpForward forward = start();
        context.target(POD, 0);

        TestClient client = connect(forward);

        client.closed().get(5, TimeUnit.SECONDS);
        assertEquals(0, transport.openedStreams());
        assertTrue(monitor.errors().get(0).contains("no ready pod"), monitor.errors().get(0));
        assertEquals(List.of(), monitor.targetFailures());
    }

    @Test
    void portInUseNamesTheAddressAndTheProcessHoldingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            context = context(config(taken.getLocalPort()));

            KftrayException e = assertThrows(KftrayException.class, this::start);

            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("already in use by process " + ProcessHandle.current().pid()),
                    e.getMessage());
        }
    }

    @Test
    void unusableLocalAddressIsReported() {
        context = context(config(0).toBuilder().localAddress("192.0.2.1").build());

        KftrayException e = assertThrows(KftrayException.class, this::start);

        assertTrue(e.getMessage().startsWith("forward 'web' cannot listen on 192.0.2.1:0"), e.getMessage());
    }

    @Test
    void targetChangeClosesOpenConnectionsAndNewOnesReachTheNewPod() throws Exception {
        backend(Backend.announcing(LOOPS.group(), "pod-a"));
        TcpForward forward = start();
        TestClient old = connect(forward);
        Await.until("greeting", WAIT, () -> old.text().equals("pod-a\n"));

        backend(Backend.announcing(LOOPS.group(), "pod-b"));
        forward.targetChanged();

        old.closed().get(5, TimeUnit.SECONDS);
        TestClient fresh = connect(forward);
        Await.until("greeting of the new pod", WAIT, () -> fresh.text().equals("pod-b\n"));
    }

    @Test
    void stopClosesTheListenerAndEveryConnection() throws Exception {
        backend(Backend.echo(LOOPS.group()));
        TcpForward forward = start();
        InetSocketAddress address = forward.boundAddress();
        List<TestClient> clients = List.of(connect(forward), connect(forward), connect(forward));
        Await.until("streams open", WAIT, () -> transport.openStreams() == 3);

        forward.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

        for (TestClient client : clients) {
            client.closed().get(5, TimeUnit.SECONDS);
        }
        assertEquals(0, forward.openConnections());
        assertThrows(IOException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
        Await.until("streams closed", WAIT, () -> transport.openStreams() == 0);
    }

    @Test
    void theStoppedForwardsPortCanBeListenedOnAtOnce() throws Exception {
        backend(Backend.echo(LOOPS.group()));
        for (int round = 0; round < 20; round++) {
            TcpForward forward = start();
            InetSocketAddress address = forward.boundAddress();
            TestClient client = connect(forward);
            Await.until("stream open", WAIT, () -> transport.openStreams() == 1);

            forward.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);

            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(address);
            }
            client.closed().get(5, TimeUnit.SECONDS);
            Await.until("stream closed", WAIT, () -> transport.openStreams() == 0);
        }
    }
}
