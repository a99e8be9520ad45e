package app.kftray.itests.resume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.Tinyproxy;
import app.kftray.itests.socks.HeadlessKftray;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kftray --headless} started with the proxy variables of a corporate shell and a kubeconfig without
 * {@code proxy-url}: {@code HTTPS_PROXY} (a real tinyproxy) carries the API requests and the tunnels, and
 * {@code NO_PROXY} naming the API server's address sends them around a proxy that would refuse them.
 */
class EnvironmentProxyEndToEndIT {
    @TempDir
    Path dir;

    private KubeEmulator kube;
    private EchoServer echo;
    private Path home;

    @BeforeEach
    void cluster() throws Exception {
        kube = KubeEmulator.start();
        echo = EchoServer.start();
        home = WebForward.homeForwardingTo(kube, echo.address(), dir);
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        echo.close();
    }

    @Test
    void httpsProxyCarriesTheForwardAndNoProxyBypassesIt() throws Exception {
        String apiServer = "127.0.0.1:" + kube.address().getPort();
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("proxy"), Set.of(kube.address().getPort()))) {
            serves(Map.of("HTTPS_PROXY", proxy.url()), "through");
            assertTrue(proxy.log().contains("CONNECT " + apiServer), "went through HTTPS_PROXY:\n" + proxy.log());
        }
        try (Tinyproxy refusing = Tinyproxy.start(dir.resolve("refusing"), Set.of(443))) {
            serves(Map.of("HTTPS_PROXY", refusing.url(), "NO_PROXY", "localhost,127.0.0.1"), "around");
            assertFalse(refusing.log().contains("CONNECT " + apiServer), "NO_PROXY kept it away from the proxy:\n" + refusing.log());
        }
    }

    private void serves(Map<String, String> environment, String name) throws Exception {
        try (HeadlessKftray kftray = HeadlessKftray.launch(home, Files.createDirectories(dir.resolve("deploy-" + name)),
                environment)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", WebForward.awaitRunning(kftray));
            EchoProbe.roundTrip(local, 64 * 1024, 1, Duration.ofSeconds(10));
            kftray.terminate(Duration.ofSeconds(20));
        }
    }
}
