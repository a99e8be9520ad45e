package app.kftray.kube.internal.transport;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.ExecCredentialIssuer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigEdits;
import app.kftray.emulator.Tinyproxy;
import app.kftray.emulator.auth.Identity;
import app.kftray.emulator.tls.CertificateAuthority;
import app.kftray.kube.internal.cluster.ClusterClients;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port-forward transport under what real clusters and networks do: short-lived tokens from an exec
 * plugin, a broken plugin, an HTTP proxy in front of the API server (one that forwards, one that refuses),
 * and a tunnel that goes silent without a reset.
 */
class HostileConditionsTransportTest {
    private static final int ECHO = 8080;
    /** Tunnels close 200 ms after their last stream, so that most streams dial afresh; pings as in production. */
    private static final TunnelSettings SETTINGS = new TunnelSettings(10_000, 200, 64 * 1024, 5_000);
    /** Pings every second, so that a dead tunnel is noticed quickly. */
    private static final TunnelSettings FAST_PINGS = new TunnelSettings(1_000, 200, 64 * 1024, 5_000);

    @TempDir
    static Path dir;

    private static KubeEmulator emulator;
    private static EchoServer echo;
    private static EventLoopGroup group;

    private ClusterClients clusters;
    private MultiplexedPortForwardTransport transport;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        emulator = KubeEmulator.start();
        emulator.namespace("dev").pod("web-1", Map.of("app", "web"), List.of(containerPort("echo", ECHO)),
                Map.of(ECHO, echo.address()));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        emulator.close();
        echo.close();
    }

    @BeforeEach
    void newTransport() {
        clusters = new ClusterClients();
        NetworkRuntime network = () -> group;
        transport = new MultiplexedPortForwardTransport(clusters, network, SETTINGS);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
        clusters.closeAll();
    }

    @Test
    void tokensThatExpireAreRefreshedWithoutAFailedStream() throws Exception {
        try (ExecCredentialIssuer issuer = ExecCredentialIssuer.start(emulator, Identity.ADMIN,
                Duration.ofMillis(1500), dir)) {
            PodRef pod = pod(issuer.writeKubeconfig(dir.resolve("exec-config"), "exec", "dev"));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int streams = 0;
            // until tokens expired twice, however slow the machine: every stream must work meanwhile
            while (issuer.issued() < 3 && System.nanoTime() < end) {
                echoOnce(pod, streams++); // each on a new tunnel (they close after 200 ms idle), often with a dead token
                Thread.sleep(300);
            }
            assertTrue(issuer.issued() >= 3, "the plugin ran again as tokens expired: " + issuer.issued()
                    + " tokens for " + streams + " streams");
        }
    }

    @Test
    void anExecTokenIsRenewedBeforeItsExpirationTimestampWithoutA401() throws Exception {
        Duration ttl = Duration.ofSeconds(10); // far longer than the renewal margin, even on a busy machine
        try (ExecCredentialIssuer issuer = ExecCredentialIssuer.start(emulator, Identity.ADMIN, ttl, dir)) {
            PodRef pod = pod(issuer.writeKubeconfig(dir.resolve("expiring-config"), "expiring", "dev"));
            int rejectedBefore = emulator.unauthorizedRequests();
            echoOnce(pod, 1);
            int issuedFirst = issuer.issued();
            Thread.sleep(400); // the tunnel closes when idle: the next stream dials again, with a token still valid
            echoOnce(pod, 2);
            assertEquals(issuedFirst, issuer.issued(), "a token far from its expiry is used as it is");

            Thread.sleep(ttl.toMillis());
            echoOnce(pod, 3);
            assertEquals(issuedFirst + 1, issuer.issued(), "the plugin ran again for the expired token");
            assertEquals(rejectedBefore, emulator.unauthorizedRequests(), "no dial was answered 401");
        }
    }

    @Test
    void anExpiredClientCertificateIsNamedWithItsNotAfter() throws Exception {
        Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CertificateAuthority.ClientPem client = CertificateAuthority.create("client-ca")
                .issueClient("alice", notAfter.minus(Duration.ofDays(30)), notAfter);
        Path config = emulator.writeKubeconfig(dir.resolve("expired-cert-config"), "dev");
        KubeconfigEdits.useClientCertificate(config, emulator.contextName(), client.certificate(), client.key());
        for (int attempt = 1; attempt <= 2; attempt++) { // as the engine retries: each time the same clear error
            KubeException error = openFails(pod(config));
            assertEquals(Reason.UNREACHABLE, error.reason(), "retried with backoff");
            assertTrue(error.getMessage().contains("client certificate") && error.getMessage().contains("CN=alice")
                    && error.getMessage().contains("expired at " + notAfter), error.getMessage());
        }
    }

    @Test
    void aPreparedTunnelIsOpenBeforeTheFirstStreamAndCarriesIt() throws Exception {
        MultiplexedPortForwardTransport lasting = new MultiplexedPortForwardTransport(clusters, () -> group,
                TunnelSettings.DEFAULT); // idle tunnels stay for 30 s
        try {
            PodRef pod = pod(emulator.writeKubeconfig(dir.resolve("prepared-config"), "dev"));
            emulator.faults().dropPortForwards();
            lasting.prepare(pod).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, lasting.tunnels(), "the first tunnel to the cluster is open when prepare completes");
            assertTrue(lasting.prepare(pod).toCompletableFuture().isDone(),
                    "a cluster dialled before is not waited for again");
            PodStream stream = lasting.open(pod, ECHO, new CollectingReceiver(), group.next())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, lasting.tunnels());
            assertEquals(1, emulator.faults().dropPortForwards(), "one connection carried the prepared tunnel and the stream");
            stream.close();
        } finally {
            lasting.close();
        }
    }

    @Test
    void anExecPluginThatPrintsGarbageIsAClearError() throws Exception {
        try (ExecCredentialIssuer issuer = ExecCredentialIssuer.start(emulator, Identity.ADMIN,
                Duration.ofMinutes(1), dir)) {
            issuer.mode(ExecCredentialIssuer.Mode.GARBAGE);
            PodRef pod = pod(issuer.writeKubeconfig(dir.resolve("garbage-config"), "garbage", "dev"));
            KubeException error = openFails(pod);
            assertEquals(Reason.REFUSED, error.reason());
            assertTrue(error.getMessage().contains("exec plugin " + issuer.script())
                    && error.getMessage().contains("printed no ExecCredential"), error.getMessage());

            issuer.mode(ExecCredentialIssuer.Mode.TOKEN); // the user signs in again: the next stream works
            echoOnce(pod, 1);
        }
    }

    @Test
    void streamsGoThroughTheKubeconfigProxy() throws Exception {
        Path config = emulator.writeKubeconfig(dir.resolve("proxied-config"), "dev");
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("proxy"), Set.of(emulator.address().getPort()))) {
            KubeconfigEdits.proxyUrl(config, emulator.contextName(), proxy.url());
            PodRef pod = pod(config);
            echoOnce(pod, 1);
            assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + emulator.address().getPort()),
                    "the tunnel went through the proxy:\n" + proxy.log());
        }
    }

    @Test
    void aProxyThatRefusesIsNamedInTheError() throws Exception {
        Path config = emulator.writeKubeconfig(dir.resolve("refused-config"), "dev");
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("strict-proxy"), Set.of(443))) {
            KubeconfigEdits.proxyUrl(config, emulator.contextName(), proxy.url());
            KubeException error = openFails(pod(config));
            assertEquals(Reason.UNREACHABLE, error.reason(), "retried with backoff like an outage");
            assertTrue(error.getMessage().contains("the proxy " + proxy.url()) && error.getMessage().contains("403"),
                    error.getMessage());
        }
    }

    @Test
    void aTunnelThatStopsAnsweringIsReplacedWithinTwoPingIntervals() throws Exception {
        transport.close();
        transport = new MultiplexedPortForwardTransport(clusters, () -> group, FAST_PINGS);
        PodRef pod = pod(emulator.writeKubeconfig(dir.resolve("blackhole-config"), "dev"));
        PodStream open = echoOnce(pod, 1, false);
        long start = System.nanoTime();
        assertEquals(1, emulator.faults().blackholePortForwards());
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                echoOnce(pod, attempts);
                break;
            } catch (ExecutionException failedOnTheDeadTunnel) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
                        "no stream worked within 10 s of the blackhole: " + failedOnTheDeadTunnel.getCause());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "blackholed tunnel: a new stream worked %d ms after it went silent "
                + "(ping interval %d ms; goal <= %d ms), %d attempt(s)%n", millis, FAST_PINGS.pingMillis(),
                2 * FAST_PINGS.pingMillis(), attempts);
        open.close();
    }

    private PodRef pod(Path kubeconfig) {
        return new PodRef(new ClusterRef(kubeconfig.toString(), null), "dev", "web-1", null);
    }

    private KubeException openFails(PodRef pod) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> transport.open(pod, ECHO, new CollectingReceiver(), group.next()).toCompletableFuture()
                        .get(20, TimeUnit.SECONDS));
        return assertInstanceOf(KubeException.class, failed.getCause());
    }

    private PodStream echoOnce(PodRef pod, int seq) throws Exception {
        return echoOnce(pod, seq, true);
    }

    /** Opens a stream, sends a line and reads it back from the echo server. */
    private PodStream echoOnce(PodRef pod, int seq, boolean close) throws Exception {
        CollectingReceiver receiver = new CollectingReceiver();
        PodStream stream = transport.open(pod, ECHO, receiver, group.next()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        byte[] line = ("hello " + seq + "\n").getBytes(StandardCharsets.UTF_8);
        stream.write(Unpooled.wrappedBuffer(line)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertArrayEquals(line, receiver.await(line.length), "echo " + seq);
        if (close) {
            stream.close();
        }
        return stream;
    }
}
