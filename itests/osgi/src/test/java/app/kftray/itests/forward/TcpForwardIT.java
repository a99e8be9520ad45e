package app.kftray.itests.forward;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.itests.forward.fixture.Nginx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/** TCP forwards of the real bundles against the emulated cluster: traffic and bad input. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TcpForwardIT extends ForwardTestSupport {

    @Test
    public void curlFetchesThePageOfAnNginxPodThroughTheForward() throws Exception {
        Nginx nginx = cluster().nginx("<h1>served by nginx behind kftray</h1>\n");
        cluster().service("site", nginx.address());
        ForwardConfig config = saveService("site", "80", 0);
        InetSocketAddress local = startRunning(config.id());

        Clients.CurlResult result = Clients.curl("http://127.0.0.1:" + local.getPort() + "/index.html");

        assertEquals("curl failed: " + result.stderr(), 0, result.exitCode());
        assertEquals(nginx.page(), result.body());
        assertTrue("a request went out and a response came back", awaitCounters(config.id(), nginx.page().length()));
    }

    @Test
    public void echoCarriesEveryByteBothWays() throws Exception {
        cluster().service("echo", cluster().echo().address());
        InetSocketAddress local = startRunning(saveService("echo", "http", 0).id());

        Clients.echo(local, 8L << 20, 1);
        Clients.echo(local, 1, 2);
    }

    @Test
    public void aLocalPortInUseFailsNamingThePort() throws Exception {
        cluster().service("busy", cluster().echo().address());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ForwardConfig config = saveService("busy", "80", taken.getLocalPort());

            ForwardState state = start(config.id());

            assertEquals(ForwardStatus.FAILED, state.status());
            assertTrue(state.lastError(), state.lastError().contains("127.0.0.1:" + taken.getLocalPort()));
            assertTrue(state.lastError(), state.lastError().contains("in use"));
            assertEquals("the state store shows the failure too", ForwardStatus.FAILED,
                    states.get(config.id()).orElseThrow().status());
        }
    }

    @Test
    public void aPortThePodDoesNotNameFailsWithAClearError() throws Exception {
        cluster().service("named", cluster().echo().address());
        ForwardState state = start(savePod("app=named", "metrics").id());

        assertEquals(ForwardStatus.FAILED, state.status());
        assertTrue(state.lastError(), state.lastError().contains("no container port named 'metrics'"));
    }

    @Test
    public void aServicePortThatDoesNotExistFailsWithAClearError() throws Exception {
        cluster().service("ports", cluster().echo().address());
        ForwardState state = start(saveService("ports", "81", 0).id());

        assertEquals(ForwardStatus.FAILED, state.status());
        assertTrue(state.lastError(), state.lastError().contains("does not have a port 81"));
    }

    @Test
    public void aContainerPortNobodyServesClosesThatClientAndReportsIt() throws Exception {
        cluster().service("unserved", cluster().echo().address());
        ForwardConfig config = savePod("app=unserved", "9999");
        InetSocketAddress local = startRunning(config.id());
        EventRecorder events = new EventRecorder();
        ServiceRegistration<ForwardListener> registration = listen(config.id(), events);
        try (Socket client = new Socket()) {
            client.connect(local, 5000);
            client.getOutputStream().write("hello".getBytes());

            assertTrue("the client is closed", Clients.closedByPeer(client, Duration.ofSeconds(10)));
            assertTrue("an error names the port: " + events.errors(), events.awaitError("9999", 10_000));
            assertEquals(ForwardStatus.RUNNING, forwards.status(config.id()).status());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void aStreamDroppedMidTransferClosesThatClientOnly() throws Exception {
        cluster().service("drop", cluster().echo().address());
        ForwardConfig config = saveService("drop", "80", 0);
        InetSocketAddress local = startRunning(config.id());
        try (Socket client = new Socket()) {
            client.connect(local, 5000);
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeUntilClosed(client, writing));
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            while (received < (4 << 20)) {
                int n = client.getInputStream().read(buffer);
                assertTrue("the echo flows before the drop", n > 0);
                received += n;
            }

            int dropped = cluster().emulator().faults().dropPortForwards();

            assertTrue("the emulator dropped the stream", dropped >= 1);
            assertTrue("the client of the dropped stream is closed",
                    Clients.closedByPeer(client, Duration.ofSeconds(10)));
            writing.set(false);
            writer.handle((ok, error) -> null).join();
        }
        assertEquals(ForwardStatus.RUNNING, forwards.status(config.id()).status());
        Clients.echo(local, 1 << 20, 3);
    }

    @Test
    public void tenThousandShortConnectionsLeakNothingAndOtherForwardsKeepWorking() throws Exception {
        cluster().service("churn", cluster().echo().address());
        cluster().service("steady", cluster().echo().address());
        InetSocketAddress churn = startRunning(saveService("churn", "80", 0).id());
        InetSocketAddress steady = startRunning(saveService("steady", "80", 0).id());
        Clients.echo(churn, 1024, 4);
        Clients.echo(steady, 1024, 5);
        ConnectionChurn.Result result = ConnectionChurn.run(churn, steady, 10_000, 8);

        System.out.println(result.report());
        assertEquals("connections refused or failed: " + result.report(), 0, result.failedConnects());
        assertTrue("the other forward carried traffic all along: " + result.report(), result.steadyRoundTrips() > 0);
        assertEquals("echo failures on the other forward", 0, result.steadyFailures());
        assertTrue("file descriptors or threads leaked: " + result.report(), result.settled());
        Clients.echo(churn, 1 << 20, 6);
    }

    private boolean awaitCounters(long configId, long minBytesIn) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            var counters = forwards.status(configId).counters();
            if (counters.bytesIn() >= minBytesIn && counters.bytesOut() > 0 && counters.totalConnections() >= 1) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static void writeUntilClosed(Socket client, AtomicBoolean writing) {
        byte[] chunk = new byte[64 * 1024];
        try {
            OutputStream out = client.getOutputStream();
            while (writing.get()) {
                out.write(chunk);
            }
        } catch (IOException closed) {
            // expected: the forward closes the client when its stream is dropped
        }
    }
}
