package app.kftray.forward.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import app.kftray.relay.protocol.DatagramFraming;
import app.kftray.relay.server.ProxyType;
import app.kftray.relay.server.RelayConfig;
import app.kftray.relay.server.RelayServer;
import app.kftray.testing.Await;
import app.kftray.testing.LoopbackTransport;
import app.kftray.testing.RecordingMonitor;
import app.kftray.testing.TestEventLoops;
import app.kftray.testing.TestForwardContext;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The udp handler with real sockets: local peers, a loopback "pod" stream, the real relay or a scripted one. */
class UdpForwardTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ForwardConfig CONFIG = ForwardConfig.builder().id(9L).alias("dns").namespace("default")
            .service("dns").remotePort("53").protocol("udp").localPort(0).build();
    /** The "relay pod": a loopback port that can be switched or taken away. */
    private static final String RELAY_POD = "relay-0";
    @RegisterExtension
    private static final TestEventLoops LOOPS = new TestEventLoops();

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final RecordingMonitor monitor = new RecordingMonitor();
    private final UdpProtocolHandler handler = new UdpProtocolHandler(Duration.ofMillis(300));
    private LoopbackTransport transport;
    private TestForwardContext context;

    @BeforeEach
    void createContext() {
        transport = new LoopbackTransport(LOOPS.group());
        context = context(CONFIG);
    }

    @AfterEach
    void closeEverything() throws Exception {
        handler.deactivate();
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        Await.until("streams closed", WAIT, () -> transport.openStreams() == 0);
    }

    private TestForwardContext context(ForwardConfig config) {
        return new TestForwardContext(config, "the relay of forward 'dns' is not ready", transport, LOOPS.group(),
                monitor);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(resource);
        return resource;
    }

    /** The real relay in front of a UDP echo service, as the relay pod would run it. */
    private void realRelay() {
        UdpEchoTarget target = closeLater(new UdpEchoTarget(LOOPS.group()));
        RelayServer relay = closeLater(RelayServer.start(RelayConfig.builder(ProxyType.UDP, "127.0.0.1", target.port())
                .bindAddress("127.0.0.1").listenPort(0).build()));
        context.target(RELAY_POD, relay.port());
    }

    /** A relay that answers by script, including with bytes a real relay never sends. */
    private void scriptedRelay() {
        context.target(RELAY_POD, closeLater(new ScriptedRelay(LOOPS.group())).port());
    }

    private UdpForward start() {
        return (UdpForward) handler.start(context);
    }

    private UdpClient client(UdpForward forward) {
        return closeLater(new UdpClient(forward.boundAddress()));
    }

    @Test
    void kftraysOwnRelayCarriesTheForwardOneReplyPerDatagram() throws Exception {
        UdpEchoTarget target = closeLater(new UdpEchoTarget(LOOPS.group()));
        app.kftray.emulator.KftrayStyleRelay relay = closeLater(app.kftray.emulator.KftrayStyleRelay.start(
                java.util.Map.of("PROXY_TYPE", "udp"), new java.net.InetSocketAddress("127.0.0.1", target.port())));
        context.target(RELAY_POD, relay.address().getPort());
        UdpClient client = client(start());
        for (int q = 0; q < 20; q++) {
            assertEquals("echo:kftray-q" + q, client.ask("kftray-q" + q));
        }
    }

    @Test
    void severalPeersEachGetTheirOwnRepliesOnTheirOwnStream() throws Exception {
        realRelay();
        // idle flows must not close while the peers take turns, or a peer would get a second stream
        UdpProtocolHandler patient = new UdpProtocolHandler(Duration.ofMinutes(1));
        cleanup.add(patient::deactivate);
        UdpForward forward = (UdpForward) patient.start(context);
        int peers = 4;
        int queries = 100;
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                UdpClient client = client(forward);
                String peer = "peer" + p;
                results.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int q = 0; q < queries; q++) {
                        String question = peer + "-q" + q;
                        String reply = client.ask(question);
                        if (!reply.equals("echo:" + question)) {
                            wrong.add(question + " -> " + reply);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> result : results) {
                assertEquals(List.of(), result.get(30, TimeUnit.SECONDS), "replies of another peer or lost");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(peers, transport.openedStreams(), "one relay stream per local peer");
        assertEquals(peers, forward.openFlows());
        assertEquals(peers, monitor.connectLatencies().size(), "one connect latency per relay flow");
        assertTrue(monitor.bytesOut() > 0 && monitor.bytesIn() > monitor.bytesOut(), "counters follow the traffic");
    }

    @Test
    void everyReplyToOneDatagramReachesThePeer() {
        realRelay();
        UdpClient client = client(start());
        client.send("many 5 t");
        Set<String> replies = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            client.receive().ifPresent(replies::add);
        }
        assertEquals(Set.of("t#1", "t#2", "t#3", "t#4", "t#5"), replies);
    }

    @Test
    void aBurstFromOnePeerGoesToTheRelayInFewWritesAndEveryReplyComesBack() throws Exception {
        realRelay();
        UdpClient client = client(start());
        assertEquals("echo:first", client.ask("first"));
        long writesBefore = transport.writes();
        int burst = 200;
        // hold the event loops while the burst is sent, so the socket then has many datagrams to read at once
        CountDownLatch sent = new CountDownLatch(1);
        LOOPS.group().forEach(loop -> loop.execute(() -> awaitQuietly(sent)));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < burst; i++) {
            client.send("b" + i);
            expected.add("echo:b" + i);
        }
        sent.countDown();
        Set<String> replies = new HashSet<>();
        for (int i = 0; i < burst; i++) {
            client.receive().ifPresent(replies::add);
        }
        assertEquals(expected, replies);
        long writes = transport.writes() - writesBefore;
        assertTrue(writes < burst / 4, burst + " datagrams read in passes of several took " + writes + " writes");
    }

    private static boolean ipv6Loopback() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return probe.isBound();
        } catch (IOException unavailable) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void datagramsUpToTheLargestUdpPayloadGoThroughWhole() {
        realRelay();
        UdpClient client = client(start());
        for (int size : List.of(2049, 9000, DatagramFraming.MAX_DATAGRAM_BYTES - "echo:".length())) {
            String text = "x".repeat(size);
            String reply = client.ask(text);
            assertTrue(reply.equals("echo:" + text), size + "-byte datagram came back as " + reply.length() + " bytes");
        }
    }

    @Test
    void aDatagramOverTheFrameLimitIsRefusedWithAnErrorAndTheFlowGoesOn() {
        // only IPv6 carries UDP payloads above 65 507 bytes
        assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        context = context(CONFIG.toBuilder().localAddress("::1").build());
        realRelay();
        UdpClient client = client(start());
        assertEquals("echo:before", client.ask("before"));
        client.send("y".repeat(DatagramFraming.MAX_DATAGRAM_BYTES + 13));
        assertEquals(Optional.empty(), client.receive());
        assertTrue(monitor.errors().stream().anyMatch(e -> e.contains("over the relay's limit of 65507 bytes")),
                "errors: " + monitor.errors());
        assertEquals("echo:after", client.ask("after"));
    }

    @Test
    void idleFlowsCloseAndTheNextDatagramOpensANewOne() {
        realRelay();
        UdpForward forward = start();
        UdpClient client = client(forward);
        assertEquals("echo:one", client.ask("one"));
        Await.until("idle flow closed", WAIT, () -> forward.openFlows() == 0 && transport.openStreams() == 0);
        assertEquals(1, monitor.closed());
        assertEquals("echo:two", client.ask("two"));
        assertEquals(2, transport.openedStreams());
    }

    @Test
    void aZeroLengthFrameIsAKeepAliveNotADatagram() {
        scriptedRelay();
        UdpClient client = client(start());
        client.send("quiet");
        assertEquals(Optional.of("after-keepalive"), client.receive());
        client.timeout(200);
        assertEquals(Optional.empty(), client.receive(), "nothing else, in particular no empty datagram");
    }

    @Test
    void badFramesCloseOnlyTheFlowThatGotThem() {
        scriptedRelay();
        UdpForward forward = start();
        UdpClient good = client(forward);
        UdpClient victim = client(forward);
        assertEquals("echo:hello", good.ask("hello"));
        for (String poison : List.of("bad", "cut")) {
            int errorsBefore = monitor.errors().size();
            victim.send(poison);
            Await.until("bad frame reported", WAIT, () -> monitor.errors().size() > errorsBefore);
            assertTrue(monitor.errors().get(errorsBefore).contains("bad frame from the relay"),
                    monitor.errors().toString());
            Await.until("only the good flow left", WAIT, () -> forward.openFlows() == 1);
            assertEquals("echo:still here", good.ask("still here"), "other peers keep working");
            assertEquals("echo:again", victim.ask("again"), "the victim gets a new flow");
        }
    }

    @Test
    void randomBytesFromTheRelayNeverBreakTheForward() {
        scriptedRelay();
        UdpForward forward = start();
        UdpClient client = client(forward);
        client.timeout(50);
        for (int seed = 0; seed < 40; seed++) {
            client.send("fuzz " + seed);
            // garbage may parse as frames of any content; whatever arrives, the flow must end
            while (client.receive().isPresent()) {
                // drain
            }
        }
        Await.until("fuzzed flows closed", WAIT, () -> forward.openFlows() == 0 && transport.openStreams() == 0);
        client.timeout(2000);
        assertEquals("echo:after fuzz", client.ask("after fuzz"));
    }

    @Test
    void withoutAReadyRelayDatagramsAreDroppedWithAnError() {
        UdpForward forward = start();
        UdpClient client = client(forward);
        client.send("nobody home");
        Await.until("error reported", WAIT, () -> !monitor.errors().isEmpty());
        assertTrue(monitor.errors().get(0).contains("not ready"), monitor.errors().toString());
        assertEquals(0, transport.openedStreams());
        assertEquals(0, forward.openFlows());
    }

    @Test
    void aStreamThatCannotOpenReportsTheTargetAsFailed() {
        realRelay();
        transport.failNextOpens(1);
        UdpForward forward = start();
        UdpClient client = client(forward);
        client.send("first");
        Await.until("target failure reported", WAIT, () -> !monitor.targetFailures().isEmpty());
        Await.until("flow gone", WAIT, () -> forward.openFlows() == 0);
        assertEquals("echo:second", client.ask("second"));
    }

    @Test
    void targetChangeClosesFlowsAndStopFreesThePort() throws Exception {
        realRelay();
        UdpForward forward = start();
        UdpClient client = client(forward);
        assertEquals("echo:a", client.ask("a"));
        forward.targetChanged();
        Await.until("flows closed", WAIT, () -> forward.openFlows() == 0);
        assertEquals("echo:b", client.ask("b"));

        InetSocketAddress bound = forward.boundAddress();
        forward.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("streams closed on stop", WAIT, () -> transport.openStreams() == 0);
        try (DatagramSocket again = new DatagramSocket(bound)) {
            assertEquals(bound.getPort(), again.getLocalPort());
        }
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            TestForwardContext busy = context(CONFIG.toBuilder().localPort(taken.getLocalPort()).build());
            KftrayException error = assertThrows(KftrayException.class, () -> handler.start(busy));
            assertTrue(error.getMessage().contains("cannot listen on udp 127.0.0.1:" + taken.getLocalPort()
                    + ": it is already in use by process " + ProcessHandle.current().pid()), error.getMessage());
        }
    }
}
