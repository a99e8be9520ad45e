package app.kftray.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.store.ResourceKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments get pods (and new ones when theirs die); Secrets feed pod environments; Services route. */
class DeploymentsTest {
    @TempDir
    Path dir;
    EmulatorFixture fixture;
    KubeEmulator kube;
    KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = EmulatorFixture.start(dir, (ns, backend) -> { });
        kube = fixture.kube;
        client = fixture.fabric8();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("echo:1")
                .addNewEnv().withName("PLAIN").withValue("yes").endEnv()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", name, false)
                .endValueFrom().endEnv()
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    @Test
    void aDeploymentKeepsAPodAndItsPodsGoWithIt() throws Exception {
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("web")
                .endMetadata().addToStringData("token", "t0k3n").build()).create();
        client.apps().deployments().inNamespace("default").resource(deployment("web")).create();
        Pod first = client.pods().inNamespace("default").withLabel("app", "web")
                .waitUntilCondition(p -> p != null, 10, TimeUnit.SECONDS);
        List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
        assertEquals(1, pods.size());
        PodHandle handle = kube.requirePod("default", pods.get(0).getMetadata().getName());
        assertEquals(Map.of("PLAIN", "yes", "TOKEN", "t0k3n"), kube.containerEnv(handle));
        Secret stored = client.secrets().inNamespace("default").withName("web").get();
        assertEquals("dDBrM24=", stored.getData().get("token"), "stringData is stored as base64 data");

        kube.kill(handle);
        Pod replacement = awaitPod("web", p -> !p.getMetadata().getName().equals(handle.name()));
        assertNotEquals(handle.uid(), replacement.getMetadata().getUid());

        client.apps().deployments().inNamespace("default").withName("web").delete();
        awaitNoPods("web");
    }

    @Test
    void aServicePortReachesThePodBackendItSelects() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            kube.onPodCreated(pod -> kube.attachBackend(pod, 8080, echo.address()));
            client.apps().deployments().inNamespace("default").resource(deployment("api")).create();
            awaitPod("api", p -> true);
            kube.namespace("default").service("api", Map.of("app", "api"),
                    List.of(ServicePort.port(80, "http", "http")));
            InetSocketAddress address = await(() -> kube.serviceAddress("default", "api", 80));
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes());
                InputStream in = socket.getInputStream();
                assertEquals("ping", new String(in.readNBytes(4)));
            }
            assertThrows(IllegalArgumentException.class, () -> kube.serviceAddress("default", "api", 81));
        }
    }

    @Test
    void refusedAndInvalidObjectsGetTheApiServersErrors() {
        Ingress noRules = new IngressBuilder().withNewMetadata().withName("bad").endMetadata().withNewSpec().endSpec()
                .build();
        KubernetesClientException invalid = assertThrows(KubernetesClientException.class,
                () -> client.network().v1().ingresses().inNamespace("default").resource(noRules).create());
        assertEquals(422, invalid.getCode());

        kube.admission().forbidCreate(ResourceKind.SECRETS);
        KubernetesClientException forbidden = assertThrows(KubernetesClientException.class,
                () -> client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                        .withName("s").endMetadata().build()).create());
        assertEquals(403, forbidden.getCode());
        kube.admission().allowAll();

        client.apps().deployments().inNamespace("default").resource(deployment("twice")).create();
        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> client.apps().deployments().inNamespace("default").resource(deployment("twice")).create());
        assertEquals(409, exists.getCode());
        assertTrue(client.apps().deployments().inNamespace("default").withLabel("app", "none").list().getItems()
                .isEmpty());
    }

    private Pod awaitPod(String app, java.util.function.Predicate<Pod> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Pod pod : client.pods().inNamespace("default").withLabel("app", app).list().getItems()) {
                if (wanted.test(pod)) {
                    return pod;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such pod of " + app);
    }

    private void awaitNoPods(String app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!client.pods().inNamespace("default").withLabel("app", app).list().getItems().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "pods of " + app + " remain");
            Thread.sleep(50);
        }
    }

    private static <T> T await(java.util.function.Supplier<T> attempt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (IllegalArgumentException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}
