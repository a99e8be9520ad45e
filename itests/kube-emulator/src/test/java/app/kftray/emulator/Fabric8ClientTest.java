package app.kftray.emulator;

import static app.kftray.emulator.ContainerPort.containerPort;
import static app.kftray.emulator.ServicePort.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 client (JDK HTTP transport) lists, gets, watches and port-forwards through the emulator. */
class Fabric8ClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    EmulatorFixture fixture;
    EchoServer echo;
    KubeEmulator kube;
    KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, backend) -> ns
                .service("web", Map.of("app", "web"), List.of(port(80, "http", 8080)))
                .pod("web-1", Map.of("app", "web"), List.of(containerPort("http", 8080), containerPort(9090)),
                        Map.of(8080, backend.address())));
        echo = fixture.echo;
        kube = fixture.kube;
        client = fixture.fabric8();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void listsAndGets() {
        assertEquals(List.of("web-1"), client.pods().list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList());
        Pod pod = client.pods().withName("web-1").get();
        assertEquals("Running", pod.getStatus().getPhase());
        assertEquals(8080, pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort());
        assertEquals("http", client.services().withName("web").get().getSpec().getPorts().get(0).getName());
        assertEquals(1, client.pods().withLabel("app", "web").list().getItems().size());
        assertEquals(0, client.pods().withLabel("app", "db").list().getItems().size());
        assertEquals(null, client.pods().withName("nope").get());
    }

    @Test
    void createRejectsDuplicatesAndInvalidPods() {
        Pod relay = new PodBuilder().withNewMetadata().withName("relay").endMetadata()
                .withNewSpec().addNewContainer().withName("relay").withImage("relay:1").endContainer().endSpec()
                .build();
        client.pods().resource(relay).create();
        KubernetesClientException dup = assertThrows(KubernetesClientException.class,
                () -> client.pods().resource(relay).create());
        assertEquals(409, dup.getCode());
        Pod noContainers = new PodBuilder().withNewMetadata().withName("empty").endMetadata().withNewSpec()
                .endSpec().build();
        KubernetesClientException invalid = assertThrows(KubernetesClientException.class,
                () -> client.pods().resource(noContainers).create());
        assertEquals(422, invalid.getCode());
        assertTrue(invalid.getMessage().contains("spec.containers: Required value"), invalid.getMessage());
    }

    @Test
    void watchSeesKillAndRestart() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch ignored = client.pods().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED");
            }
        })) {
            assertEquals("ADDED web-1", events.poll(20, TimeUnit.SECONDS));
            PodHandle web1 = kube.requirePod("dev", "web-1");
            PodHandle next = kube.restart(web1, echo.address(), Duration.ZERO);
            assertEquals("DELETED web-1", events.poll(20, TimeUnit.SECONDS));
            assertEquals("ADDED " + next.name(), events.poll(20, TimeUnit.SECONDS));
            kube.kill(next);
            assertEquals("DELETED " + next.name(), events.poll(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void podPortForwardMovesBytes() throws Exception {
        try (LocalPortForward forward = client.pods().withName("web-1").portForward(8080)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", forward.getLocalPort());
            for (int i = 0; i < 3; i++) {
                assertEquals(500_000, EchoProbe.roundTrip(local, 500_000, i, TIMEOUT).bytes());
            }
            assertTrue(forward.getServerThrowables().isEmpty(), forward.getServerThrowables().toString());
        }
    }

    @Test
    void servicePortForwardMovesBytes() throws Exception {
        try (LocalPortForward forward = client.services().withName("web").portForward(80)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", forward.getLocalPort());
            assertEquals(1 << 20, EchoProbe.roundTrip(local, 1 << 20, 3, TIMEOUT).bytes());
        }
    }

    @Test
    void forwardToAPortWithoutBackendReportsTheKubeletError() throws Exception {
        try (LocalPortForward forward = client.pods().withName("web-1").portForward(9090)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", forward.getLocalPort());
            assertThrows(IOException.class, () -> EchoProbe.roundTrip(local, 1024, 0, Duration.ofSeconds(5)));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (forward.getServerThrowables().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(forward.getServerThrowables().toString().contains("error forwarding port 9090 to pod web-1"),
                    forward.getServerThrowables().toString());
        }
        try (LocalPortForward good = client.pods().withName("web-1").portForward(8080)) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", good.getLocalPort());
            assertEquals(1000, EchoProbe.roundTrip(local, 1000, 0, TIMEOUT).bytes());
        }
    }
}
