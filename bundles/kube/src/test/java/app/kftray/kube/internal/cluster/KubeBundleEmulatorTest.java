package app.kftray.kube.internal.cluster;

import static app.kftray.emulator.ContainerPort.containerPort;
import static app.kftray.emulator.ServicePort.port;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeAccess.KubeContext;
import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.PodHandle;
import app.kftray.kube.internal.transport.CollectingReceiver;
import app.kftray.kube.internal.transport.MultiplexedPortForwardTransport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KubeAccess and the port-forward transport against the Kubernetes API emulator. */
class KubeBundleEmulatorTest {
    @TempDir
    static Path dir;

    private static KubeEmulator emulator;
    private static EchoServer echo;
    private static EventLoopGroup group;
    private static ClusterClients clusters;
    private static FabricKubeAccess kube;
    private static MultiplexedPortForwardTransport transport;
    private static ClusterRef cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        emulator = KubeEmulator.start();
        emulator.namespace("dev")
                .service("web", Map.of("app", "web"), List.of(port(80, "http", "http")))
                .service("bare", Map.of(), List.of(port(80, "http", 8080)))
                .pod("web-1", Map.of("app", "web"), List.of(containerPort("http", 8080)), echo.address());
        Path kubeconfig = emulator.writeKubeconfig(dir.resolve("config"), "dev");
        cluster = new ClusterRef(kubeconfig.toString(), null);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        clusters = new ClusterClients();
        kube = new FabricKubeAccess(clusters);
        NetworkRuntime network = () -> group;
        transport = new MultiplexedPortForwardTransport(clusters, network);
    }

    @AfterAll
    static void stopCluster() {
        clusters.closeAll();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        emulator.close();
        echo.close();
    }

    @Test
    void aCallWhoseClientAnotherCallDroppedRunsAgainOnAFreshOne() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> namespaces = clusters.call(cluster, "list namespaces", client -> {
            if (attempts.incrementAndGet() == 1) {
                clusters.forget(cluster); // as a concurrent call that found the API server unreachable does
            }
            return client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
        });
        assertEquals(2, attempts.get(), "the first attempt met a closed client");
        assertTrue(namespaces.contains("dev"), namespaces.toString());
    }

    @Test
    void anInterruptedCallKeepsTheClient() {
        KubernetesClient before = clusters.cluster(cluster).client();
        Thread.currentThread().interrupt(); // as when the calling component is being stopped
        try {
            KubeException e = assertThrows(KubeException.class, () -> clusters.call(cluster, "list pods", client -> {
                throw new KubernetesClientException("interrupted", new InterruptedException());
            }));
            assertEquals(Reason.UNREACHABLE, e.reason());
        } finally {
            Thread.interrupted();
        }
        assertSame(before, clusters.cluster(cluster).client(), "other callers keep their client");
    }

    private static ForwardConfig.Builder service(String name, String port) {
        return ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("dev")
                .workloadType(WorkloadType.SERVICE).service(name).remotePort(port);
    }

    @Test
    void yamlManifestsOfTheKindsRelaysUseAreCreatedAndABrokenOneIsNamed() {
        emulator.namespace("manifests");
        FabricKubeWorkloads workloads = new FabricKubeWorkloads(clusters);
        assertEquals("relay-svc", workloads.create(cluster, "manifests", """
                apiVersion: v1
                kind: Service
                metadata: {name: relay-svc, labels: {app: relay}}
                spec: {selector: {app: relay}, ports: [{name: exposed, port: 8080, targetPort: relay}]}
                """));
        assertEquals("relay", workloads.create(cluster, "manifests", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: relay, labels: {app: relay}}
                spec:
                  selector: {matchLabels: {app: relay}}
                  template:
                    metadata: {labels: {app: relay}}
                    spec: {containers: [{name: relay, image: relay:1, ports: [{name: relay, containerPort: 9000}]}]}
                """));
        String podManifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: relay-pod, labels: {app: relay}}
                spec: {containers: [{name: relay, image: relay:1, ports: [{name: relay, containerPort: 9000}]}]}
                """;
        Pod pod = assertInstanceOf(Pod.class, FabricKubeWorkloads.read(podManifest));
        assertEquals("relay:1", pod.getSpec().getContainers().get(0).getImage());
        assertEquals("relay-pod", workloads.create(cluster, "manifests", podManifest));
        assertEquals(Map.of("relay", 9000), kube.pods(cluster, "manifests", "app=relay").get(0).ports());
        PodRef made = workloads.createPod(cluster, new KubeWorkloads.PodSpec("manifests", "made", "relay:1",
                Map.of("app", "made"), Map.of("MODE", "tcp"), 9000));
        assertEquals("made", made.name());
        assertTrue(workloads.awaitReady(made, Duration.ofSeconds(10)));
        assertEquals(List.of("relay-svc"), kube.services(cluster, "manifests").stream().map(s -> s.name()).toList());
        KubeException broken = assertThrows(KubeException.class,
                () -> workloads.create(cluster, "manifests", "kind: Service\nmetadata: [unclosed"));
        assertEquals(Reason.INVALID, broken.reason());
        assertTrue(broken.getMessage().startsWith("cannot read the manifest"), broken.getMessage());
    }

    @Test
    void listsContextsNamespacesServicesAndPods() {
        List<KubeContext> contexts = kube.contexts(cluster.kubeconfig());
        assertEquals(1, contexts.size());
        assertTrue(contexts.get(0).current());
        assertEquals("dev", contexts.get(0).namespace());
        assertTrue(kube.namespaces(cluster).contains("dev"));
        assertEquals(List.of("bare", "web"), kube.services(cluster, "dev").stream().map(s -> s.name()).sorted().toList());
        assertEquals(8080, kube.pods(cluster, "dev", "app=web").get(0).ports().get("http"));
        assertTrue(kube.pods(cluster, "dev", "app!=web").stream().noneMatch(p -> p.ref().name().equals("web-1")));
    }

    @Test
    void resolvesServicePortsNumberedAndNamedThroughTheTargetPortName() {
        ResolvedTarget byNumber = kube.resolve(service("web", "80").build());
        assertEquals("web-1", byNumber.pod().name());
        assertEquals(8080, byNumber.port());
        assertEquals(8080, kube.resolve(service("web", "http").build()).port());
    }

    @Test
    void resolvesPodSelectors() {
        ForwardConfig pod = ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("dev")
                .workloadType(WorkloadType.POD).target("app=web").remotePort("http").build();
        assertEquals(new ResolvedTarget(kube.resolve(pod).pod(), 8080), kube.resolve(pod));
    }

    @Test
    void aPodThatWentOrStoppedBeingReadyIsNotChosenAgain() {
        var fresh = emulator.namespace("fresh");
        fresh.service("api", Map.of("app", "api"), List.of(port(80, "http", 8080)));
        PodHandle first = fresh.addPod("api-1", Map.of("app", "api"), List.of(containerPort("http", 8080)),
                Map.of(8080, echo.address()), Duration.ZERO);
        ForwardConfig api = service("api", "80").namespace("fresh").build();
        assertEquals("api-1", kube.resolve(api).pod().name());
        emulator.setReady(first, false);
        KubeException notReady = assertThrows(KubeException.class, () -> kube.resolve(api));
        assertEquals(Reason.NOT_READY, notReady.reason(), notReady.getMessage());
        assertTrue(notReady.getMessage().contains("none of the 1 pods"), notReady.getMessage());
        PodHandle second = fresh.addPod("api-2", Map.of("app", "api"), List.of(containerPort("http", 8080)),
                Map.of(8080, echo.address()), Duration.ZERO);
        assertEquals("api-2", kube.resolve(api).pod().name());
        emulator.kill(second);
        emulator.kill(first);
        KubeException gone = assertThrows(KubeException.class, () -> kube.resolve(api));
        assertEquals(Reason.NOT_READY, gone.reason(), gone.getMessage());
        assertTrue(gone.getMessage().contains("no pod matches service 'api'"), gone.getMessage());
    }

    @Test
    void aNotEqualSelectorTermAlsoSelectsPodsWithoutTheLabel() {
        var labelled = emulator.namespace("labelled");
        labelled.addPod("web-db", Map.of("app", "web", "tier", "db"), List.of(containerPort("http", 8080)),
                Map.of(8080, echo.address()), Duration.ZERO);
        labelled.addPod("web-plain", Map.of("app", "web"), List.of(containerPort("http", 8080)),
                Map.of(8080, echo.address()), Duration.ZERO);
        ForwardConfig notDb = ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("labelled")
                .workloadType(WorkloadType.POD).target("app=web,tier!=db").remotePort("http").build();
        assertEquals("web-plain", kube.resolve(notDb).pod().name());
        ForwardConfig db = ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("labelled")
                .workloadType(WorkloadType.POD).target("tier=db").remotePort("http").build();
        assertEquals("web-db", kube.resolve(db).pod().name());
    }

    @Test
    void forwardsInANamespaceWhosePodsAreWatchedChooseFromTheWatchAndNeverAGonePod() throws Exception {
        var many = emulator.namespace("many");
        for (int i = 0; i < 20; i++) {
            many.service("svc-" + i, Map.of("app", "app-" + i), List.of(port(80, "http", 8080)))
                    .pod("pod-" + i, Map.of("app", "app-" + i), List.of(containerPort("http", 8080)), echo.address());
        }
        ResolvedTarget followed = kube.resolve(service("svc-0", "80").namespace("many").build());
        BlockingQueue<PodChange> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = kube.watch(followed.pod(), (p, change) -> changes.add(change))) {
            long listsBefore = emulator.requestCounts().getOrDefault("list pods", 0L);
            ExecutorService forwards = Executors.newFixedThreadPool(8);
            try {
                List<Future<ResolvedTarget>> resolved = new ArrayList<>();
                for (int i = 1; i < 20; i++) {
                    ForwardConfig config = service("svc-" + i, "80").namespace("many").build();
                    resolved.add(forwards.submit(() -> kube.resolve(config)));
                }
                for (int i = 1; i < 20; i++) {
                    ResolvedTarget target = resolved.get(i - 1).get(30, TimeUnit.SECONDS);
                    assertEquals("pod-" + i, target.pod().name(), "each forward gets the pod of its own service");
                    assertEquals(8080, target.port());
                }
            } finally {
                forwards.shutdownNow();
            }
            assertEquals(listsBefore, emulator.requestCounts().getOrDefault("list pods", 0L),
                    "the pods come from the namespace's watch");
            emulator.kill(emulator.requirePod("many", "pod-0"));
            assertEquals(PodChange.DELETED, changes.poll(5, TimeUnit.SECONDS));
            KubeException gone = assertThrows(KubeException.class,
                    () -> kube.resolve(service("svc-0", "80").namespace("many").build()));
            assertEquals(Reason.NOT_READY, gone.reason(), "a pod the watch saw go is not chosen: " + gone.getMessage());
            PodRef notReady = kube.resolve(service("svc-1", "80").namespace("many").build()).pod();
            try (AutoCloseable second = kube.watch(notReady, (p, change) -> changes.add(change))) {
                emulator.setReady(emulator.requirePod("many", "pod-1"), false);
                assertEquals(PodChange.NOT_READY, changes.poll(5, TimeUnit.SECONDS));
                KubeException unready = assertThrows(KubeException.class,
                        () -> kube.resolve(service("svc-1", "80").namespace("many").build()));
                assertTrue(unready.getMessage().contains("none of the 1 pods"), unready.getMessage());
            }
        }
    }

    @Test
    void aWatchThatBrokeIsNotChosenFrom() throws Exception {
        emulator.namespace("broken").service("api", Map.of("app", "api"), List.of(port(80, "http", 8080)))
                .pod("api-1", Map.of("app", "api"), List.of(containerPort("http", 8080)), echo.address());
        ForwardConfig api = ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("broken")
                .workloadType(WorkloadType.POD).target("app=api").remotePort("http").build();
        BlockingQueue<PodChange> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = kube.watch(kube.resolve(api).pod(), (p, change) -> changes.add(change))) {
            long listsBefore = emulator.requestCounts().getOrDefault("list pods", 0L);
            assertEquals("api-1", kube.resolve(api).pod().name());
            assertEquals(listsBefore, emulator.requestCounts().getOrDefault("list pods", 0L), "chosen from the watch");
            emulator.faults().outage(Duration.ofSeconds(5));
            assertEquals(PodChange.WATCH_LOST, changes.poll(10, TimeUnit.SECONDS));
            KubeException down = assertThrows(KubeException.class, () -> kube.resolve(api),
                    "a lost watch's pods are not handed out while the API server cannot be asked");
            assertEquals(Reason.UNREACHABLE, down.reason(), down.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                assertEquals("api-1", kube.resolve(api).pod().name(), "resolves again once the server is back");
                break;
            } catch (KubeException stillDown) {
                assertEquals(Reason.UNREACHABLE, stillDown.reason(), stillDown.getMessage());
                assertTrue(System.nanoTime() < deadline, "the cluster did not come back: " + stillDown.getMessage());
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    @Test
    void resolutionErrorsSayWhatIsMissing() {
        assertReason(Reason.NOT_FOUND, "service 'nope' not found in namespace 'dev'", service("nope", "80"));
        assertReason(Reason.NOT_FOUND, "service 'web' does not have a port 81; it has 80 (http)", service("web", "81"));
        assertReason(Reason.INVALID, "service 'bare' has no selector", service("bare", "80"));
        assertReason(Reason.NOT_FOUND, "context 'other' is not in kubeconfig", service("web", "80").context("other"));
        assertReason(Reason.INVALID, "does not exist or is not readable",
                service("web", "80").kubeconfig(dir.resolve("missing").toString()));
        ForwardConfig noPods = ForwardConfig.builder().kubeconfig(cluster.kubeconfig()).namespace("dev")
                .workloadType(WorkloadType.POD).target("app=ghost").remotePort("80").build();
        KubeException e = assertThrows(KubeException.class, () -> kube.resolve(noPods));
        assertEquals(Reason.NOT_READY, e.reason());
    }

    private static void assertReason(Reason reason, String fragment, ForwardConfig.Builder config) {
        KubeException e = assertThrows(KubeException.class, () -> kube.resolve(config.build()));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void streamsBytesBothWaysThroughPortForward() throws Exception {
        ResolvedTarget target = kube.resolve(service("web", "80").build());
        CollectingReceiver received = new CollectingReceiver();
        PodStream stream = transport.open(target.pod(), target.port(), received).toCompletableFuture().get(10, TimeUnit.SECONDS);
        byte[] payload = new byte[1024 * 1024];
        new Random(7).nextBytes(payload);
        for (int off = 0; off < payload.length; off += 32 * 1024) {
            stream.write(Unpooled.wrappedBuffer(payload, off, 32 * 1024)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertArrayEquals(payload, received.await(payload.length));
        stream.close();
        assertNull(received.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void portForwardToAMissingPodFailsWithNotFound() {
        PodRef ghost = new PodRef(cluster, "dev", "ghost", null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.open(ghost, 8080, new CollectingReceiver()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(Reason.NOT_FOUND, ((KubeException) e.getCause()).reason(), e.getCause().getMessage());
    }

    @Test
    void watchReportsNotReadyAndDeletion() throws Exception {
        PodHandle pod = emulator.namespace("dev").addPod("watched-1", Map.of("app", "watched"),
                List.of(containerPort("http", 8080)), Map.of(8080, echo.address()), Duration.ZERO);
        PodRef ref = kube.pods(cluster, "dev", "app=watched").get(0).ref();
        BlockingQueue<PodChange> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = kube.watch(ref, (p, change) -> changes.add(change))) {
            emulator.setReady(pod, false);
            assertEquals(PodChange.NOT_READY, changes.poll(5, TimeUnit.SECONDS));
            emulator.setReady(pod, true);
            assertEquals(PodChange.READY, changes.poll(5, TimeUnit.SECONDS));
            emulator.kill(pod);
            assertEquals(PodChange.DELETED, changes.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void podsOfOneNamespaceShareOneWatchAndALateSubscriberHearsOfAPodAlreadyGone() throws Exception {
        emulator.namespace("shared").addPod("stays-1", Map.of("app", "stays"),
                List.of(containerPort("http", 8080)), Map.of(8080, echo.address()), Duration.ZERO);
        PodHandle goes = emulator.namespace("shared").addPod("goes-1", Map.of("app", "goes"),
                List.of(containerPort("http", 8080)), Map.of(8080, echo.address()), Duration.ZERO);
        PodRef stays = kube.pods(cluster, "shared", "app=stays").get(0).ref();
        PodRef gone = kube.pods(cluster, "shared", "app=goes").get(0).ref();
        long startedBefore = emulator.podWatchesStarted();
        BlockingQueue<PodChange> first = new LinkedBlockingQueue<>();
        BlockingQueue<PodChange> late = new LinkedBlockingQueue<>();
        try (AutoCloseable a = kube.watch(stays, (p, change) -> { });
             AutoCloseable b = kube.watch(gone, (p, change) -> first.add(change))) {
            assertEquals(1, emulator.podWatchesStarted() - startedBefore, "one watch for two pods of a namespace");
            emulator.kill(goes);
            assertEquals(PodChange.DELETED, first.poll(5, TimeUnit.SECONDS));
            try (AutoCloseable c = kube.watch(gone, (p, change) -> late.add(change))) {
                assertEquals(PodChange.DELETED, late.poll(5, TimeUnit.SECONDS),
                        "a subscriber that chose the pod before it went hears that it went");
            }
            assertEquals(1, emulator.podWatchesStarted() - startedBefore, "the late subscriber shares the watch");
        }
        assertThrows(KubeException.class, () -> kube.watch(new PodRef(new ClusterRef(dir.resolve("missing").toString(),
                null), "shared", "stays-1", null), (p, change) -> { }), "a cluster that cannot be read fails the watch");
    }

    @Test
    void watchReportsAnApiOutage() throws Exception {
        emulator.namespace("dev").addPod("outage-1", Map.of("app", "outage"),
                List.of(containerPort("http", 8080)), Map.of(8080, echo.address()), Duration.ZERO);
        PodRef ref = kube.pods(cluster, "dev", "app=outage").get(0).ref();
        BlockingQueue<PodChange> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = kube.watch(ref, (p, change) -> changes.add(change))) {
            emulator.faults().outage(Duration.ofSeconds(3));
            assertEquals(PodChange.WATCH_LOST, changes.poll(10, TimeUnit.SECONDS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                assertTrue(kube.namespaces(cluster).contains("dev"), "the cluster answers again after the outage");
                break;
            } catch (KubeException stillDown) {
                assertEquals(Reason.UNREACHABLE, stillDown.reason(), stillDown.getMessage());
                assertTrue(System.nanoTime() < deadline, "the cluster did not come back: " + stillDown.getMessage());
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }
}
