package app.kftray.protocol.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KftrayException;
import app.kftray.api.KubeException;
import app.kftray.api.RunningForward;
import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.LoopbackTransport;
import app.kftray.testing.RecordingMonitor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real listener on loopback, a fake cluster and a loopback transport to local backends. */
class Socks5ListenerTest {
    private EventLoopGroup group;
    private LoopbackTransport transport;
    private RecordingMonitor monitor;
    private Backend web;
    private Backend api;
    private FakeCluster cluster;
    private Socks5ProtocolHandler handler;
    private RunningForward forward;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        transport = new LoopbackTransport(group);
        monitor = new RecordingMonitor();
        web = Backend.announcing(group, "web");
        api = Backend.announcing(group, "api");
        cluster = new FakeCluster()
                .service("web", 80, "http").pod("web-1", "web", true, "http", web.port())
                .service("api", 8080, Integer.toString(api.port())).pod("api-1", "api", true)
                .service("down", 80, "80").pod("down-1", "down", false)
                .udpService("dns", 53);
    }

    @AfterEach
    void stop() throws Exception {
        if (handler != null) {
            handler.deactivate();
        }
        web.close();
        api.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private InetSocketAddress listen(Socks5Policy policy) {
        handler = new Socks5ProtocolHandler(policy);
        forward = handler.start(new SocksTestContext(SocksTestContext.namespaceConfig(), cluster, transport, group, monitor));
        return forward.boundAddress();
    }

    private SocksClient connected(InetSocketAddress proxy, String host, int port) throws IOException {
        SocksClient client = new SocksClient(proxy);
        assertEquals(SocksClient.NO_AUTH, client.greet(SocksClient.NO_AUTH));
        assertEquals(0, client.connect(host, port), "CONNECT " + host + ":" + port);
        return client;
    }

    @Test
    void everyClusterNameFormReachesTheServiceAndTwoServicesShareOnePort() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        for (String name : new String[] {"web", "web.dev", "web.dev.svc", "web.dev.svc.cluster.local", "WEB.dev.svc."}) {
            try (SocksClient client = connected(proxy, name, 80)) {
                assertEquals("web", client.readLine(), name);
            }
        }
        try (SocksClient toWeb = connected(proxy, "web", 80); SocksClient toApi = connected(proxy, "api.dev.svc", 8080)) {
            assertEquals("web", toWeb.readLine());
            assertEquals("api", toApi.readLine());
            toApi.send("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", toApi.readLine());
        }
    }

    @Test
    void podNameWithAContainerPortIsReachedDirectly() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        try (SocksClient client = connected(proxy, "web-1", web.port())) {
            assertEquals("web", client.readLine());
        }
    }

    @Test
    void bytesFlowBothWaysUnchangedAndAreCounted() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        byte[] payload = new byte[4 << 20];
        new Random(7).nextBytes(payload);
        try (SocksClient client = connected(proxy, "web", 80)) {
            assertEquals("web", client.readLine());
            Thread writer = new Thread(() -> {
                try {
                    client.send(payload);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            assertArrayEquals(payload, client.readExactly(payload.length));
            writer.join(10_000);
        }
        Await.until("connection closed", Duration.ofSeconds(5), () -> monitor.closed() == monitor.opened());
        assertEquals(payload.length, monitor.bytesOut());
        assertEquals(payload.length + 4, monitor.bytesIn());
    }

    @Test
    void javasOwnSocksClientWorksThroughTheListener() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, proxy))) {
            socket.connect(InetSocketAddress.createUnresolved("web.dev.svc.cluster.local", 80), 5000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            assertArrayEquals("web\n".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4));
        }
    }

    @Test
    void refusalsCarryTheMatchingReplyCodeAndTheListenerKeepsServing() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        assertReply(proxy, 0x04, SocksClient.CONNECT, SocksClient.domain("nothing"), 80);
        assertReply(proxy, 0x04, SocksClient.CONNECT, SocksClient.domain("nothing.dev.svc"), 80);
        assertReply(proxy, 0x04, SocksClient.CONNECT, SocksClient.domain("web.other.svc"), 80);
        assertReply(proxy, 0x04, SocksClient.CONNECT, SocksClient.domain("example.com"), 80);
        assertReply(proxy, 0x04, SocksClient.CONNECT, SocksClient.domain("down"), 80);
        assertReply(proxy, 0x05, SocksClient.CONNECT, SocksClient.domain("web"), 81);
        assertReply(proxy, 0x05, SocksClient.CONNECT, SocksClient.domain("dns"), 53);
        assertReply(proxy, 0x04, SocksClient.CONNECT, new byte[] {1, 10, 0, 0, 7}, 80);
        byte[] ipv6 = new byte[17];
        ipv6[0] = 4;
        ipv6[16] = 1;
        assertReply(proxy, 0x04, SocksClient.CONNECT, ipv6, 80);
        assertReply(proxy, 0x07, SocksClient.BIND, SocksClient.domain("web"), 80);
        assertReply(proxy, 0x07, SocksClient.UDP_ASSOCIATE, new byte[] {1, 0, 0, 0, 0}, 0);
        assertReply(proxy, 0x08, SocksClient.CONNECT, new byte[] {9, 1, 2, 3, 4}, 80);
        try (SocksClient client = connected(proxy, "web", 80)) {
            assertEquals("web", client.readLine());
        }
        assertEquals(12, monitor.errors().size(), monitor.errors().toString());
        assertTrue(monitor.errors().get(5).contains("service 'web' has no TCP port 81; it has 80/TCP"),
                monitor.errors().get(5));
        assertTrue(monitor.targetFailures().isEmpty(), "a bad name never makes the engine re-resolve");
    }

    @Test
    void clusterFailuresMapToNetworkUnreachableAndForbidden() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        transport.failNextOpens(1);
        assertReply(proxy, 0x03, SocksClient.CONNECT, SocksClient.domain("web"), 80);
        cluster.outage(new KubeException(KubeException.Reason.UNREACHABLE, "the API server is unreachable", null));
        assertReply(proxy, 0x03, SocksClient.CONNECT, SocksClient.domain("web"), 80);
        cluster.outage(new KubeException(KubeException.Reason.REFUSED, "pods is forbidden", null));
        assertReply(proxy, 0x02, SocksClient.CONNECT, SocksClient.domain("web"), 80);
        cluster.outage(null);
        try (SocksClient client = connected(proxy, "web", 80)) {
            assertEquals("web", client.readLine());
        }
    }

    @Test
    void clientWithoutAnAcceptableMethodGetsNoAcceptableMethods() throws Exception {
        InetSocketAddress proxy = listen(new Socks5Policy("alice", "secret", Duration.ofSeconds(5)));
        try (SocksClient client = new SocksClient(proxy)) {
            assertEquals(0xff, client.greet(SocksClient.NO_AUTH));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void passwordLoginAdmitsTheRightCredentialsOnly() throws Exception {
        InetSocketAddress proxy = listen(new Socks5Policy("alice", "secret", Duration.ofSeconds(5)));
        try (SocksClient wrong = new SocksClient(proxy)) {
            assertEquals(SocksClient.PASSWORD, wrong.greet(SocksClient.NO_AUTH, SocksClient.PASSWORD));
            assertNotEquals(0, wrong.login("alice", "guess"), "RFC 1929: any non-zero status is a failure");
            assertTrue(wrong.closedByServer());
        }
        try (SocksClient right = new SocksClient(proxy)) {
            assertEquals(SocksClient.PASSWORD, right.greet(SocksClient.PASSWORD));
            assertEquals(0, right.login("alice", "secret"));
            assertEquals(0, right.connect("web", 80));
            assertEquals("web", right.readLine());
        }
        assertTrue(monitor.errors().get(0).contains("wrong user name or password for user 'alice'"));
    }

    @Test
    void silentClientIsDisconnectedAfterTheHandshakeTimeout() throws Exception {
        InetSocketAddress proxy = listen(new Socks5Policy("", "", Duration.ofMillis(300)));
        try (SocksClient silent = new SocksClient(proxy)) {
            assertTrue(silent.closedByServer());
        }
        Await.until("timeout reported", Duration.ofSeconds(5), () -> !monitor.errors().isEmpty());
        assertTrue(monitor.errors().get(0).contains("no CONNECT request within 300 ms"), monitor.errors().toString());
    }

    @Test
    void seededGarbageNeverStopsTheListenerFromServing() throws Exception {
        InetSocketAddress proxy = listen(new Socks5Policy("", "", Duration.ofMillis(500)));
        Random random = new Random(20261127L);
        for (int round = 0; round < 30; round++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            if (round % 2 == 0) {
                garbage[0] = 5; // a plausible greeting start, so the later states are reached too
            }
            try (Socket socket = new Socket()) {
                socket.connect(proxy, 5000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(garbage);
                out.flush();
                socket.shutdownOutput();
                socket.getInputStream().readAllBytes(); // the server answers or closes; it never hangs
            }
        }
        try (SocksClient client = connected(proxy, "api", 8080)) {
            assertEquals("api", client.readLine());
        }
        Await.until("every connection closed", Duration.ofSeconds(5), () -> monitor.closed() == monitor.opened());
        assertEquals(31, monitor.opened());
        Await.until("no pod stream left open", Duration.ofSeconds(5), () -> transport.openStreams() == 0);
    }

    @Test
    void stopClosesTheListenerAndItsConnections() throws Exception {
        InetSocketAddress proxy = listen(Socks5Policy.open());
        try (SocksClient client = connected(proxy, "web", 80)) {
            assertEquals("web", client.readLine());
            forward.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(client.closedByServer());
        }
        assertEquals(0, handler.runningForwards());
        assertThrows(IOException.class, () -> new SocksClient(proxy).close());
        Await.until("pod streams closed", Duration.ofSeconds(5), () -> transport.openStreams() == 0);
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            handler = new Socks5ProtocolHandler(Socks5Policy.open());
            var config = SocksTestContext.namespaceConfig().toBuilder().localPort(taken.getLocalPort()).build();
            KftrayException error = assertThrows(KftrayException.class, () -> handler.start(
                    new SocksTestContext(config, cluster, transport, group, monitor)));
            assertTrue(error.getMessage().startsWith("forward 'dev-socks' cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), error.getMessage());
        }
    }

    @Test
    void aListenerBeyondLoopbackNeedsAPassword() throws Exception {
        var everywhere = SocksTestContext.namespaceConfig().toBuilder().localAddress("0.0.0.0").build();
        handler = new Socks5ProtocolHandler(Socks5Policy.open());
        KftrayException error = assertThrows(KftrayException.class, () -> handler.start(
                new SocksTestContext(everywhere, cluster, transport, group, monitor)));
        assertTrue(error.getMessage().startsWith("socks5 forward 'dev-socks' listens on 0.0.0.0, reachable from other "
                + "machines"), error.getMessage());
        assertEquals(0, handler.runningForwards());
    }

    private static void assertReply(InetSocketAddress proxy, int expected, int command, byte[] address, int port)
            throws IOException {
        try (SocksClient client = new SocksClient(proxy)) {
            assertEquals(SocksClient.NO_AUTH, client.greet(SocksClient.NO_AUTH));
            assertEquals(expected, client.request(command, address, port), "reply code");
            assertTrue(client.closedByServer(), "closed after a refusal");
        }
    }
}
