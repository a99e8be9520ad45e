package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outages, dropped forwards, slow links and slow readiness, seen by real clients. */
class FaultInjectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    EmulatorFixture fixture;
    EchoServer echo;
    KubeEmulator kube;
    KubernetesClient client;
    Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, backend) -> ns
                .pod("web-1", Map.of("app", "web"), List.of(containerPort(8080)), backend.address()));
        echo = fixture.echo;
        kube = fixture.kube;
        client = fixture.fabric8();
        kubectl = fixture.kubectl();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void outageFailsClientsAndTheyRecoverWhenItEnds() throws Exception {
        assertEquals(1, client.pods().list().getItems().size());
        try (KubectlPortForward forward = kubectl.portForward("pod/web-1", 8080, true, TIMEOUT)) {
            kube.faults().outage(Duration.ofSeconds(2));
            assertThrows(KubernetesClientException.class, () -> client.pods().list());
            Kubectl.Result refused = kubectl.run(TIMEOUT, "get", "pods");
            assertEquals(1, refused.exitCode(), refused.stdout());
            assertTrue(forward.awaitExit(TIMEOUT), "open port-forwards end with the outage");
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        boolean recovered = false;
        while (!recovered && System.nanoTime() < deadline) {
            try {
                recovered = client.pods().list().getItems().size() == 1;
            } catch (KubernetesClientException stillDown) {
                Thread.sleep(200);
            }
        }
        assertTrue(recovered, "the API came back");
        assertTrue(kubectl.run(TIMEOUT, "get", "pods").requireSuccess().contains("web-1"));
    }

    @Test
    void droppingPortForwardsEndsKubectlsConnection() throws Exception {
        try (KubectlPortForward forward = kubectl.portForward("pod/web-1", 8080, false, TIMEOUT)) {
            assertEquals(100, EchoProbe.roundTrip(forward.localAddress(), 100, 0, TIMEOUT).bytes());
            assertEquals(1, kube.faults().dropPortForwards());
            assertTrue(forward.awaitExit(TIMEOUT), forward.output());
            assertTrue(forward.output().contains("lost connection to pod"), forward.output());
        }
    }

    @Test
    void killingAPodEndsItsForwards() throws Exception {
        try (KubectlPortForward forward = kubectl.portForward("pod/web-1", 8080, true, TIMEOUT)) {
            assertEquals(100, EchoProbe.roundTrip(forward.localAddress(), 100, 0, TIMEOUT).bytes());
            kube.kill(kube.requirePod("dev", "web-1"));
            assertTrue(forward.awaitExit(TIMEOUT), forward.output());
        }
    }

    @Test
    void latencyDelaysEveryRoundTrip() throws Exception {
        kube.faults().latency(Duration.ofMillis(150));
        try (var forward = client.pods().withName("web-1").portForward(8080)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", forward.getLocalPort());
            EchoProbe.Result r = EchoProbe.roundTrip(local, 10, 0, TIMEOUT);
            // one way in, one way out: at least twice the added delay
            assertTrue(r.nanos() >= Duration.ofMillis(300).toNanos(), r.nanos() + "ns");
        }
    }

    @Test
    void podsCreatedThroughTheApiBecomeReadyAfterTheDelayAndGetBackendsFromTheHook() throws Exception {
        kube.faults().readyDelay(Duration.ofMillis(500));
        List<PodHandle> created = new CopyOnWriteArrayList<>();
        kube.onPodCreated(pod -> {
            created.add(pod);
            kube.attachBackend(pod, 9000, echo.address());
        });
        Pod relay = new PodBuilder().withNewMetadata().withName("relay").endMetadata()
                .withNewSpec().addNewContainer().withName("relay").withImage("relay:1").addNewPort()
                .withContainerPort(9000).endPort().endContainer().endSpec().build();
        client.pods().resource(relay).create();
        Pod ready = client.pods().withName("relay").waitUntilReady(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("Running", ready.getStatus().getPhase());
        assertEquals(List.of("relay"), created.stream().map(PodHandle::name).toList());
        try (var forward = client.pods().withName("relay").portForward(9000)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", forward.getLocalPort());
            assertEquals(1000, EchoProbe.roundTrip(local, 1000, 0, TIMEOUT).bytes());
        }
        kube.faults().clear();
    }
}
