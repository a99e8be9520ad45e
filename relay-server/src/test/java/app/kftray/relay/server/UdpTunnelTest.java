package app.kftray.relay.server;

import app.kftray.relay.testing.FrameClient;
import app.kftray.relay.testing.LeakCheck;
import app.kftray.relay.testing.LogCapture;
import app.kftray.relay.testing.UdpResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTunnelTest {

    private static UdpResponder responder;
    private RelayServer relay;
    private final List<FrameClient> clients = new ArrayList<>();

    @BeforeAll
    static void startResponder() {
        LeakCheck.install();
        responder = new UdpResponder();
    }

    @AfterAll
    static void stopResponder() {
        responder.close();
        LeakCheck.assertNoLeaks();
    }

    @BeforeEach
    void startRelay() {
        relay = RelayServer.start(config().build());
    }

    @AfterEach
    void stopRelay() throws IOException {
        for (FrameClient client : clients) {
            client.close();
        }
        relay.close();
    }

    private static RelayConfig.Builder config() {
        return RelayConfig.builder(ProxyType.UDP, "127.0.0.1", responder.port())
                .bindAddress("127.0.0.1").listenPort(0).udpReplyWait(Duration.ofMillis(300));
    }

    private FrameClient client(RelayServer target) throws IOException {
        FrameClient client = new FrameClient(new InetSocketAddress("127.0.0.1", target.port()));
        clients.add(client);
        return client;
    }

    @Test
    void severalStreamsAtOnceEachGetOnlyTheirOwnReplies() throws Exception {
        int streams = 4;
        int requests = 40;
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            FrameClient client = client(relay);
            String name = "s" + s;
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int r = 0; r < requests; r++) {
                        client.send("ask " + name + "-" + r + " 3 0");
                        for (int i = 1; i <= 3; i++) {
                            assertEquals(name + "-" + r + "#" + i, client.receiveText());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Set<Integer> sourcePorts = new HashSet<>();
        responder.senders().forEach(sender -> sourcePorts.add(sender.getPort()));
        assertTrue(sourcePorts.size() >= streams, "one UDP socket per stream, saw ports " + sourcePorts);
    }

    @Test
    void largestDatagramGoesThroughIntact() throws Exception {
        FrameClient client = client(relay);
        byte[] payload = new byte[65_507];
        new Random(7).nextBytes(payload);
        payload[0] = 'x'; // not an "ask" request: echoed
        client.send(payload);
        assertArrayEquals(payload, client.receive());
    }

    @Test
    void zeroLengthFrameIsAKeepAliveAndSendsNothing() throws Exception {
        FrameClient client = client(relay);
        int before = responder.received().size();
        client.send(new byte[0]);
        client.send("ask after-keepalive 1 0");
        assertEquals("after-keepalive#1", client.receiveText());
        assertEquals(List.of("ask after-keepalive 1 0"), responder.received().subList(before, responder.received().size()));
    }

    @Test
    void afterTheClientsHalfCloseLateRepliesStillArriveThenTheStreamEnds() throws Exception {
        FrameClient client = client(relay);
        client.send("ask late 2 150");
        client.shutdownOutput();
        assertEquals("late#1", client.receiveText());
        assertEquals("late#2", client.receiveText());
        assertTrue(client.closedByRelay(), "stream ends once no reply came for the reply wait");
    }

    @Test
    void idleFlowIsClosed() throws Exception {
        try (LogCapture log = LogCapture.start();
             RelayServer shortIdle = RelayServer.start(config().udpIdleTimeout(Duration.ofMillis(300)).build())) {
            FrameClient client = client(shortIdle);
            client.send("ask idle 1 0");
            assertEquals("idle#1", client.receiveText());
            assertTrue(client.closedByRelay());
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=idle_timeout"));
            assertNotNull(log.awaitLine(Duration.ofSeconds(5), "event=udp_closed", "datagrams_sent=1", "replies=1"));
        }
    }
}
