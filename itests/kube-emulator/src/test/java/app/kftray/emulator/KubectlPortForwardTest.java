package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static app.kftray.emulator.ServicePort.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real kubectl port-forward through the emulator, in its default WebSocket mode and in plain SPDY. */
class KubectlPortForwardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static EmulatorFixture fixture;
    static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, echo) -> ns
                .service("web", Map.of("app", "web"), List.of(port(80, "http", 8080)))
                .pod("web-1", Map.of("app", "web"), List.of(containerPort("http", 8080), containerPort("admin", 9090)),
                        Map.of(8080, echo.address())));
        kubectl = fixture.kubectl();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "webSockets={0}")
    @ValueSource(booleans = {true, false})
    void serviceAndPodForwardsMoveBytesBothWays(boolean webSockets) throws Exception {
        try (KubectlPortForward svc = kubectl.portForward("svc/web", 80, webSockets, TIMEOUT);
                KubectlPortForward pod = kubectl.portForward("pod/web-1", 8080, webSockets, TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(256 << 10, EchoProbe.roundTrip(svc.localAddress(), 256 << 10, i, TIMEOUT).bytes());
                assertEquals(300_001, EchoProbe.roundTrip(pod.localAddress(), 300_001, i, TIMEOUT).bytes());
            }
            assertTrue(svc.isAlive() && pod.isAlive(), svc.output() + pod.output());
        }
    }

    @Test
    void hundredConcurrentConnectionsEchoOneMebibyteEach() throws Exception {
        hundredConnections(true);
    }

    @Test
    void hundredConcurrentConnectionsOverPlainSpdy() throws Exception {
        hundredConnections(false);
    }

    private void hundredConnections(boolean webSockets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try (KubectlPortForward forward = kubectl.portForward("svc/web", 80, webSockets, TIMEOUT)) {
            List<Future<EchoProbe.Result>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int seed = i * 7919;
                results.add(pool.submit(() -> EchoProbe.roundTrip(forward.localAddress(), 1 << 20, seed,
                        Duration.ofSeconds(60))));
            }
            for (Future<EchoProbe.Result> r : results) {
                assertEquals(1 << 20, r.get().bytes());
            }
            assertTrue(forward.isAlive(), forward.output());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "webSockets={0}")
    @ValueSource(booleans = {true, false})
    void portWithoutBackendGetsTheKubeletErrorAndOthersKeepWorking(boolean webSockets) throws Exception {
        try (KubectlPortForward broken = kubectl.portForward("pod/web-1", 9090, webSockets, TIMEOUT);
                KubectlPortForward good = kubectl.portForward("pod/web-1", 8080, webSockets, TIMEOUT)) {
            assertThrows(IOException.class,
                    () -> EchoProbe.roundTrip(broken.localAddress(), 1024, 0, Duration.ofSeconds(10)));
            // kubectl logs the kubelet's message, then drops its connection and exits
            assertTrue(broken.awaitExit(TIMEOUT), broken.output());
            assertTrue(broken.output().contains("error forwarding port 9090 to pod web-1, uid "), broken.output());
            assertEquals(4096, EchoProbe.roundTrip(good.localAddress(), 4096, 1, TIMEOUT).bytes());
        }
    }

    @Test
    void forwardingToAMissingPodFailsWithNotFound() throws Exception {
        Kubectl.Result result = kubectl.run(TIMEOUT, "port-forward", "pod/ghost", ":80");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("pods \"ghost\" not found"), result.stderr());
    }
}
