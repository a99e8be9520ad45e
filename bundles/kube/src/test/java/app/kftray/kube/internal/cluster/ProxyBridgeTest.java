package app.kftray.kube.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoServer;
import app.kftray.emulator.Microsocks;
import app.kftray.emulator.Stunnel;
import app.kftray.emulator.Tinyproxy;
import app.kftray.emulator.tls.CertificateAuthority;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback bridge the Kubernetes client uses to reach a cluster through a SOCKS5 proxy, with a real
 * one (microsocks): a {@code CONNECT} to the API server is carried through it both ways, a proxy that
 * refuses is answered with 502 naming it, and nothing but the API server may be asked for.
 */
class ProxyBridgeTest {
    @TempDir
    static Path dir;
    private static EchoServer apiServer;
    private static URI server;

    @BeforeAll
    static void start() throws Exception {
        apiServer = EchoServer.start();
        server = URI.create("https://127.0.0.1:" + apiServer.address().getPort());
    }

    @AfterAll
    static void stop() {
        apiServer.close();
    }

    @Test
    void aConnectToTheApiServerIsCarriedThroughTheSocksProxy() throws Exception {
        try (Microsocks socks = Microsocks.start(dir.resolve("open"), false);
             ProxyBridge bridge = ProxyBridge.start(socksAt(socks), null, server);
             Socket client = connect(bridge)) {
            String answer = connectTo(client, "127.0.0.1:" + apiServer.address().getPort());
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            client.getOutputStream().write("bytes both ways".getBytes(StandardCharsets.US_ASCII));
            assertEquals("bytes both ways", new String(client.getInputStream().readNBytes(15), StandardCharsets.US_ASCII));
            assertTrue(socks.log().contains("connected to 127.0.0.1:" + apiServer.address().getPort()), socks.log());
        }
    }

    @Test
    void aRefusingProxyIsAnswered502NamingIt() throws Exception {
        try (Microsocks socks = Microsocks.start(dir.resolve("refusing"), true);
             ProxyBridge bridge = ProxyBridge.start(socksAt(socks), null, server);
             Socket client = connect(bridge)) {
            String answer = connectTo(client, "127.0.0.1:" + apiServer.address().getPort())
                    + new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
            assertTrue(answer.contains("the proxy " + socks.url() + " failed"), answer);
        }
    }

    @Test
    void anHttpsProxyIsReachedOverTlsWithTheClustersTrustAndItsRefusalIsAnswered502() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("proxy-ca");
        SslContext trust = SslContextBuilder.forClient().trustManager(ca.certificate())
                .endpointIdentificationAlgorithm("HTTPS").build();
        int port = apiServer.address().getPort();
        try (Tinyproxy open = Tinyproxy.start(dir.resolve("https-open"), Set.of(port));
             Stunnel front = Stunnel.start(dir.resolve("https-open-front"), ca, open.address());
             ProxyBridge bridge = ProxyBridge.start(httpsAt(front), trust, server);
             Socket client = connect(bridge)) {
            String answer = connectTo(client, "127.0.0.1:" + port);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            client.getOutputStream().write("over tls".getBytes(StandardCharsets.US_ASCII));
            assertEquals("over tls", new String(client.getInputStream().readNBytes(8), StandardCharsets.US_ASCII));
        }
        try (Tinyproxy refusing = Tinyproxy.start(dir.resolve("https-refusing"), Set.of(443));
             Stunnel front = Stunnel.start(dir.resolve("https-refusing-front"), ca, refusing.address());
             ProxyBridge bridge = ProxyBridge.start(httpsAt(front), trust, server);
             Socket client = connect(bridge)) {
            String answer = connectTo(client, "127.0.0.1:" + port)
                    + new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 502") && answer.contains("the proxy " + front.url() + " failed"),
                    answer);
        }
    }

    private static ApiProxy httpsAt(Stunnel front) {
        return new ApiProxy("https", "127.0.0.1", front.address().getPort(), null, null);
    }

    @Test
    void onlyTheApiServerMayBeAskedFor() throws Exception {
        try (Microsocks socks = Microsocks.start(dir.resolve("elsewhere"), false);
             ProxyBridge bridge = ProxyBridge.start(socksAt(socks), null, server);
             Socket client = connect(bridge)) {
            String answer = connectTo(client, "127.0.0.1:22");
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        }
    }

    private static ApiProxy socksAt(Microsocks socks) {
        return new ApiProxy("socks5", "127.0.0.1", socks.address().getPort(), null, null);
    }

    private static Socket connect(ProxyBridge bridge) throws IOException {
        URI url = URI.create(bridge.url());
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** @return the answer's status line and headers */
    private static String connectTo(Socket client, String target) throws IOException {
        client.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
