package app.kftray.kube.internal.transport;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeException;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.KubeconfigContext;
import app.kftray.emulator.KubeconfigWriter;
import app.kftray.kube.internal.cluster.ClusterClients;
import app.kftray.kube.internal.cluster.TunnelTls;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both TLS engines of the tunnels (OpenSSL through netty-tcnative, and the JDK's) against an emulated API server
 * that asks for a client certificate: each trusts the kubeconfig's CA, presents its client certificate, and
 * refuses what the other refuses.
 */
class TunnelTlsTest {
    private static final int ECHO = 8080;

    @TempDir
    static Path dir;

    private static KubeEmulator emulator;
    private static EchoServer echo;
    private static EventLoopGroup group;
    private static KubeconfigContext context;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        emulator = KubeEmulator.builder().requireClientCertificates(true).start();
        emulator.namespace("dev").pod("echo-1", Map.of("app", "echo"), List.of(containerPort("echo", ECHO)),
                Map.of(ECHO, echo.address()));
        context = emulator.context("tls", "dev");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        emulator.close();
        echo.close();
    }

    @Test
    void openSslLoadsOnThisPlatformAndIsPreferred() {
        assertTrue(TunnelTls.OPENSSL.available(), TunnelTls.JDK.describe());
        assertEquals(TunnelTls.OPENSSL, TunnelTls.preferred());
        assertTrue(TunnelTls.OPENSSL.describe().startsWith("OpenSSL (BoringSSL"), TunnelTls.OPENSSL.describe());
    }

    @ParameterizedTest
    @EnumSource(TunnelTls.class)
    void carriesBytesWithTheKubeconfigsCaAndClientCertificate(TunnelTls tls) throws Exception {
        Path kubeconfig = write("with-cert-" + tls, context.withClientCertificate(emulator.issueClientCertificate("dev")));
        byte[] payload = new byte[256 * 1024];
        new Random(7).nextBytes(payload);
        try (Transport t = new Transport(tls)) {
            CollectingReceiver receiver = new CollectingReceiver();
            PodStream stream = t.open(kubeconfig, receiver);
            stream.write(Unpooled.wrappedBuffer(payload)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertArrayEquals(payload, receiver.await(payload.length));
            stream.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TunnelTls.class)
    void failsWithoutTheClientCertificate(TunnelTls tls) throws Exception {
        Path kubeconfig = write("no-cert-" + tls, context);
        try (Transport t = new Transport(tls)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> t.open(kubeconfig, new CollectingReceiver()));
            assertTlsRefusal(e);
            assertTrue(e.getCause().getMessage().toLowerCase(java.util.Locale.ROOT).contains("certificate_required"),
                    e.getCause().getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TunnelTls.class)
    void failsWhenTheServerIsNotSignedByTheKubeconfigsCa(TunnelTls tls) throws Exception {
        try (KubeEmulator other = KubeEmulator.builder().requireClientCertificates(true).start()) {
            // the other emulator's address, but this emulator's CA: its certificate is untrusted
            KubeconfigContext foreign = new KubeconfigContext("foreign", other.url(), emulator.caPem(), other.token(),
                    "dev", other.issueClientCertificate("dev"));
            Path kubeconfig = write("foreign-" + tls, foreign);
            try (Transport t = new Transport(tls)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> t.open(kubeconfig, new CollectingReceiver()));
                assertTlsRefusal(e);
            }
        }
    }

    /** The handshake failed (not a time-out or another error), and the message says why. */
    private static void assertTlsRefusal(ExecutionException e) {
        assertInstanceOf(KubeException.class, e.getCause());
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof SSLException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, "a TLS error: " + e.getCause());
    }

    private static Path write(String name, KubeconfigContext c) throws Exception {
        return KubeconfigWriter.write(dir.resolve(name), List.of(c));
    }

    /** A transport whose tunnels use one TLS engine. */
    private static final class Transport implements AutoCloseable {
        private final ClusterClients clusters;
        private final MultiplexedPortForwardTransport transport;

        Transport(TunnelTls tls) {
            clusters = new ClusterClients(tls);
            NetworkRuntime network = () -> group;
            transport = new MultiplexedPortForwardTransport(clusters, network, TunnelSettings.DEFAULT);
        }

        PodStream open(Path kubeconfig, CollectingReceiver receiver) throws Exception {
            PodRef pod = new PodRef(new ClusterRef(kubeconfig.toString(), null), "dev", "echo-1", null);
            return transport.open(pod, ECHO, receiver, group.next()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            transport.close();
            clusters.closeAll();
        }
    }
}
