package app.kftray.forward.expose.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads.ObjectKind;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.api.RunningForward;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.emulator.NginxServer;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.relay.deploy.internal.RelayDeployer;
import app.kftray.testing.RecordingMonitor;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kftray's expose examples, imported and run against the API emulator: the relay is deployed as a
 * Deployment with a Secret, a Service and (public) an Ingress; clients standing in for pods reach a local
 * nginx through the Service; what is refused, never ready or not listening fails cleanly; stop deletes all.
 */
class ExposeForwardTest {
    private static final int FILES = 64;

    @TempDir
    static Path dir;
    private static ExposeCluster cluster;
    private static NginxServer nginx;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ExposeCluster(dir);
        Path nginxDir = dir.resolve("nginx");
        Path www = Files.createDirectories(nginxDir.resolve("www"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(www.resolve("item-" + i + ".txt"), "item " + i + " " + "x".repeat(i * 37));
        }
        nginx = NginxServer.start(nginxDir, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        nginx.close();
        cluster.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cluster.emulator.faults().clear();
        cluster.emulator.admission().allowAll();
    }

    private RelayDeployer deployer(long readyTimeoutSeconds) {
        RelayDeployer deployer = cluster.deployer(readyTimeoutSeconds);
        cleanup.add(deployer::close);
        return deployer;
    }

    /** Deploys the relay and starts the handler, as the engine does. */
    private RunningForward run(ForwardConfig config, RelayDeployer deployer, RecordingMonitor monitor) {
        deployer.ensureRelay(config);
        RunningForward running = ExposeProtocolHandler.withSecrets(deployer::exposeSecret)
                .start(cluster.context(config, deployer, monitor));
        cleanup.add(() -> {
            running.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            cluster.untrack(config);
            deployer.release(config);
        });
        return running;
    }

    @Test
    void theInternalExampleCarriesAThousandRequestsFromEightPodsToLocalNginx() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-internal.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(20);
        RecordingMonitor monitor = new RecordingMonitor();
        run(config, deployer, monitor);
        InetSocketAddress service = awaitService("development", "internal-api", config.localPort());

        int failures = load(service, 8, 125);
        assertEquals(0, failures, "requests failed or got another request's answer");
        assertTrue(monitor.opened() >= 8, "connections counted: " + monitor.opened());

        try (KubernetesClient client = cluster.fabric8()) {
            Service svc = client.services().inNamespace("development").withName("internal-api").get();
            assertEquals(config.localPort(), svc.getSpec().getPorts().get(0).getPort());
            assertTrue(client.network().v1().ingresses().inNamespace("development").list().getItems().isEmpty(),
                    "an internal exposure has no Ingress");
            assertEquals(1, client.secrets().inNamespace("development").list().getItems().size());
        }
        stopAndAssertAllDeleted(config, "development");
    }

    @Test
    void thePublicExampleGetsItsIngressWithClassAnnotationsAndTls() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-public.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(20);
        run(config, deployer, new RecordingMonitor());
        InetSocketAddress service = awaitService("production", "myapp", config.localPort());
        assertEquals(0, load(service, 2, 10));

        try (KubernetesClient client = cluster.fabric8()) {
            Ingress ingress = client.network().v1().ingresses().inNamespace("production").withName("myapp").get();
            assertEquals("nginx", ingress.getSpec().getIngressClassName());
            assertEquals(Map.of("nginx.ingress.kubernetes.io/ssl-redirect", "true",
                    "cert-manager.io/cluster-issuer", "letsencrypt-prod"), ingress.getMetadata().getAnnotations());
            assertEquals(List.of("myapp.example.com"), ingress.getSpec().getTls().get(0).getHosts());
            assertEquals("kftray-expose-tls-" + config.id(), ingress.getSpec().getTls().get(0).getSecretName());
            var rule = ingress.getSpec().getRules().get(0);
            assertEquals("myapp.example.com", rule.getHost());
            assertEquals("myapp", rule.getHttp().getPaths().get(0).getBackend().getService().getName());
            assertEquals(config.localPort(),
                    rule.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber());
        }
        stopAndAssertAllDeleted(config, "production");
    }

    @Test
    void theRelayPodSpecMeetsTheRestrictedPodSecurityStandard() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-internal.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(20);
        ResolvedTarget target = deployer.ensureRelay(config);
        cleanup.add(() -> deployer.release(config));
        try (KubernetesClient client = cluster.fabric8()) {
            PodSpec spec = client.pods().inNamespace("development").withName(target.pod().name()).get().getSpec();
            assertEquals(Boolean.TRUE, spec.getSecurityContext().getRunAsNonRoot());
            assertTrue(spec.getSecurityContext().getRunAsUser() > 0);
            assertEquals("RuntimeDefault", spec.getSecurityContext().getSeccompProfile().getType());
            assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken());
            assertFalse(Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
                    || Boolean.TRUE.equals(spec.getHostIPC()));
            assertTrue(spec.getVolumes() == null || spec.getVolumes().stream().allMatch(v -> v.getHostPath() == null));
            Container relay = spec.getContainers().get(0);
            assertEquals(Boolean.FALSE, relay.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(Boolean.FALSE, relay.getSecurityContext().getPrivileged());
            assertEquals(List.of("ALL"), relay.getSecurityContext().getCapabilities().getDrop());
            assertTrue(relay.getSecurityContext().getCapabilities().getAdd() == null
                    || relay.getSecurityContext().getCapabilities().getAdd().isEmpty());
            assertTrue(relay.getPorts().stream().allMatch(p -> p.getHostPort() == null));
            assertEquals("/healthz", relay.getReadinessProbe().getHttpGet().getPath());
            assertEquals(8081, relay.getReadinessProbe().getHttpGet().getPort().getIntVal());
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(relay.getResources().getRequests().containsKey(resource), "request " + resource);
                assertTrue(relay.getResources().getLimits().containsKey(resource), "limit " + resource);
            }
            var secretRef = relay.getEnv().stream().filter(e -> e.getName().equals("RELAY_SECRET")).findFirst()
                    .orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals(client.secrets().inNamespace("development").list().getItems().get(0).getMetadata().getName(),
                    secretRef.getName(), "the secret comes from a Kubernetes Secret, not the pod spec");
        }
    }

    @Test
    void aControlStreamWithAWrongSecretIsRefused() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-internal.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(20);
        ResolvedTarget target = deployer.ensureRelay(config);
        cleanup.add(() -> deployer.release(config));
        assertEquals("ERROR unauthorized", exchange(target, "CONTROL wrong-secret-0123456789abcdef\n"));
        assertEquals("OK", exchange(target, "CONTROL " + deployer.exposeSecret(config).orElseThrow() + "\n"));
    }

    @Test
    void aLocalPortWithNothingListeningClosesTheClusterClientCleanlyAndTheForwardStays() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        ForwardConfig config = cluster.importExample("kftray-expose-internal.json", closedPort);
        RelayDeployer deployer = deployer(20);
        RecordingMonitor monitor = new RecordingMonitor();
        run(config, deployer, monitor);
        InetSocketAddress service = awaitServiceAddress("development", "internal-api", closedPort);
        for (int attempt = 1; attempt <= 2; attempt++) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int errorsBefore = monitor.errors().size();
            while (monitor.errors().size() == errorsBefore) {
                try (Socket pod = new Socket(service.getAddress(), service.getPort())) {
                    pod.setSoTimeout(15_000);
                    assertEquals(-1, pod.getInputStream().read(), "a clean close (end of stream), not a reset");
                }
                assertTrue(System.nanoTime() < deadline, "no connection error reported");
            }
            assertTrue(monitor.errors().get(monitor.errors().size() - 1).contains("nothing accepts connections on"),
                    monitor.errors().toString());
        }
        assertTrue(monitor.targetFailures().isEmpty(), "the control stream stayed up: " + monitor.targetFailures());
    }

    @Test
    void theForwardReconnectsWhenTheRelayPodIsReplaced() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-internal.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(20);
        run(config, deployer, new RecordingMonitor());
        assertEquals(0, load(awaitService("development", "internal-api", config.localPort()), 1, 5));
        String first = deployer.ensureRelay(config).pod().name();
        cluster.emulator.kill(cluster.emulator.requirePod("development", first));
        InetSocketAddress again = awaitService("development", "internal-api", config.localPort());
        assertEquals(0, load(again, 2, 10));
        assertFalse(first.equals(deployer.ensureRelay(config).pod().name()), "served by the Deployment's new pod");
    }

    @Test
    void refusedObjectsAndARelayThatNeverGetsReadyLeaveNothingBehind() throws Exception {
        ForwardConfig config = cluster.importExample("kftray-expose-public.json", nginx.address().getPort());
        RelayDeployer deployer = deployer(1);

        cluster.emulator.admission().forbidCreate(ResourceKind.INGRESSES);
        KubeException forbidden = assertThrows(KubeException.class, () -> deployer.ensureRelay(config));
        assertEquals(Reason.REFUSED, forbidden.reason());
        assertTrue(forbidden.getMessage().contains("Ingress myapp"), forbidden.getMessage());
        assertTrue(forbidden.getMessage().contains("permission"), forbidden.getMessage());
        assertNothingLeft(config, "production");
        cluster.emulator.admission().allowAll();

        cluster.emulator.namespace("production").service("myapp", Map.of("app", "theirs"),
                List.of(app.kftray.emulator.ServicePort.port(80, "http", 80)));
        KubeException taken = assertThrows(KubeException.class, () -> deployer.ensureRelay(config));
        assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
        assertNothingLeft(config, "production");
        try (KubernetesClient client = cluster.fabric8()) {
            assertTrue(client.services().inNamespace("production").withName("myapp").get() != null,
                    "the foreign Service stays");
            client.services().inNamespace("production").withName("myapp").delete();
        }

        Path templates = cluster.home.resolve("relay");
        Path ingress = templates.resolve("expose-ingress.yaml");
        String original = Files.readString(ingress);
        Files.writeString(ingress, original.replaceAll("(?s)  rules:.*", "  rules: []\n"));
        try {
            KubeException invalid = assertThrows(KubeException.class, () -> deployer.ensureRelay(config));
            assertTrue(invalid.getMessage().contains("is invalid"), invalid.getMessage());
            assertNothingLeft(config, "production");
        } finally {
            Files.writeString(ingress, original);
        }

        cluster.emulator.faults().readyDelay(Duration.ofHours(1));
        KubeException notReady = assertThrows(KubeException.class, () -> deployer.ensureRelay(config));
        assertEquals(Reason.NOT_READY, notReady.reason());
        assertTrue(notReady.getMessage().contains("was not ready within 1 s and was deleted"), notReady.getMessage());
        assertNothingLeft(config, "production");
    }

    private void stopAndAssertAllDeleted(ForwardConfig config, String namespace) throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        cleanup.clear();
        assertNothingLeft(config, namespace);
    }

    private void assertNothingLeft(ForwardConfig config, String namespace) {
        String selector = "kftray.app/config-id=" + config.id();
        for (ObjectKind kind : ObjectKind.values()) {
            assertEquals(0, cluster.workloads.delete(cluster.cluster(config), namespace, kind, selector),
                    kind + " left behind");
        }
    }

    /** Waits until the Service routes to a ready relay whose local side is attached (a request succeeds). */
    private InetSocketAddress awaitService(String namespace, String name, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                InetSocketAddress address = cluster.emulator.serviceAddress(namespace, name, port);
                if (get(HttpClient.newHttpClient(), address, 0).equals(expected(0))) {
                    return address;
                }
            } catch (IllegalArgumentException | IOException notYet) {
                // no ready pod, or the local side is not attached yet
            }
            assertTrue(System.nanoTime() < deadline, "the service never carried a request");
            Thread.sleep(100);
        }
    }

    private InetSocketAddress awaitServiceAddress(String namespace, String name, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return cluster.emulator.serviceAddress(namespace, name, port);
            } catch (IllegalArgumentException notYet) {
                assertTrue(System.nanoTime() < deadline, "the service never got a ready pod");
                Thread.sleep(100);
            }
        }
    }

    /** {@code clients} clients standing in for pods, each sending {@code requests} requests in turn. */
    private static int load(InetSocketAddress service, int clients, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int r = 0; r < requests; r++) {
                        int item = (client * requests + r) % FILES;
                        try {
                            if (!get(http, service, item).equals(expected(item))) {
                                failures.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }

    private static String get(HttpClient http, InetSocketAddress address, int item)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + address.getPort() + "/item-" + item + ".txt")).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String expected(int item) {
        return "200 item " + item + " " + "x".repeat(item * 37);
    }

    /** Sends one line through a port-forward stream to the relay's control port and reads its first answer. */
    private static String exchange(ResolvedTarget target, String line) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder received = new StringBuilder();
        PodStream stream = cluster.transport.open(target.pod(), target.port(), new StreamReceiver() {
            @Override
            public void onData(ByteBuf data) {
                received.append(data.toString(StandardCharsets.US_ASCII));
                data.release();
                int end = received.indexOf("\n");
                if (end >= 0) {
                    answer.complete(received.substring(0, end));
                }
            }

            @Override
            public void onClosed(Throwable error) {
                answer.complete(received.toString());
            }
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            stream.write(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            stream.close();
        }
    }
}
