package app.kftray.relay.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.Owner;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.RelayPods;
import app.kftray.emulator.ServicePort;
import app.kftray.kube.internal.cluster.ClusterClients;
import app.kftray.kube.internal.cluster.FabricKubeAccess;
import app.kftray.kube.internal.cluster.FabricKubeWorkloads;
import app.kftray.kube.internal.transport.MultiplexedPortForwardTransport;
import app.kftray.testing.InMemoryConfigStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay deployer with the real kube bundle against the API emulator, where each relay pod
 * runs the real relay in-process: create, ready, traffic, delete; never ready; refused; orphans.
 */
class RelayDeployerTest {
    private static final String NS = "dev";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static KubeEmulator emulator;
    private static RelayPods relayPods;
    private static EchoServer echo;
    private static EventLoopGroup group;
    private static ClusterClients clusters;
    private static FabricKubeAccess kube;
    private static FabricKubeWorkloads workloads;
    private static MultiplexedPortForwardTransport transport;
    private static ClusterRef cluster;

    private final MemoryStates states = new MemoryStates();
    private final InMemoryConfigStore configs = new InMemoryConfigStore();
    private final RelayLabels labels = RelayLabels.of(System.getProperty("user.name"), MemoryStates.SELF.host());
    private RelayDeployer deployer;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        emulator = KubeEmulator.start();
        relayPods = RelayPods.install(emulator);
        emulator.namespace(NS).service("dns", Map.of("app", "dns"), List.of(ServicePort.port(53, "dns", 53)));
        cluster = new ClusterRef(emulator.writeKubeconfig(dir.resolve("config"), NS).toString(), null);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        clusters = new ClusterClients();
        kube = new FabricKubeAccess(clusters);
        workloads = new FabricKubeWorkloads(clusters);
        transport = new MultiplexedPortForwardTransport(clusters, () -> group);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        // the client cache closes its clients on deactivation, which is package-private in the kube bundle
        var closeAll = ClusterClients.class.getDeclaredMethod("closeAll");
        closeAll.setAccessible(true);
        closeAll.invoke(clusters);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        relayPods.close();
        emulator.close();
        echo.close();
    }

    @BeforeEach
    void createDeployer() {
        deployer = deployer(Duration.ofSeconds(10));
    }

    @AfterEach
    void cleanUp() {
        deployer.deactivate();
        emulator.faults().clear();
    }

    private RelayDeployer deployer(Duration readyTimeout) {
        return new RelayDeployer(kube, workloads, states, configs, new RelayDeployer.Options(
                new RelayImage("kftray-relay:test", "", false, false), readyTimeout,
                new RelayTemplates(dir.resolve("templates"))));
    }

    private static ForwardConfig proxy(long id) {
        return ForwardConfig.builder().id(id).alias("proxy-" + id).kubeconfig(cluster.kubeconfig()).namespace(NS)
                .workloadType(WorkloadType.PROXY).remoteAddress("127.0.0.1").remotePort(echo.address().getPort())
                .build();
    }

    @Test
    void aProxyRelayIsCreatedReadyCarriesTrafficAndIsDeletedOnRelease() throws Exception {
        ForwardConfig config = proxy(1);
        ResolvedTarget target = deployer.ensureRelay(config);

        assertTrue(target.pod().name().startsWith(labels.podName(1) + "-"), "a pod of the relay's Deployment");
        assertEquals(8080, target.port());
        Map<String, String> env = emulator.containerEnv(emulator.requirePod(NS, target.pod().name()));
        assertEquals(Map.of("REMOTE_ADDRESS", "127.0.0.1", "REMOTE_PORT", Integer.toString(echo.address().getPort()),
                "LOCAL_PORT", "8080", "PROXY_TYPE", "tcp", "RELAY_BIND_ADDRESS", "127.0.0.1",
                "RELAY_HEALTH_PORT", "8081", "RELAY_HEALTH_BIND_ADDRESS", "0.0.0.0", "RELAY_MAX_CONNECTIONS", "512"), env);
        var pod = kube.pods(cluster, NS, labels.configSelector(1)).get(0);
        assertEquals("kftray", pod.labels().get("app.kubernetes.io/managed-by"));
        assertEquals(labels.user(), pod.labels().get("kftray.app/owner"));
        assertEquals("1", pod.labels().get("kftray.app/config-id"));
        assertTrue(pod.ready());

        assertArrayEquals("through the relay".getBytes(StandardCharsets.UTF_8), echoThrough(target, "through the relay"));
        assertEquals(target, deployer.ensureRelay(config), "a ready relay is reused");

        emulator.kill(emulator.requirePod(NS, target.pod().name()));
        ResolvedTarget replaced = deployer.ensureRelay(config);
        assertTrue(replaced.pod().name().startsWith(labels.podName(1) + "-"));
        assertTrue(!replaced.pod().name().equals(target.pod().name()), "the Deployment's new pod is used");
        assertArrayEquals("after a restart".getBytes(StandardCharsets.UTF_8), echoThrough(replaced, "after a restart"));

        deployer.release(config);
        assertTrue(kube.pods(cluster, NS, labels.configSelector(1)).isEmpty(), "relay pods deleted");
        assertEquals(0, workloads.delete(cluster, NS, KubeWorkloads.ObjectKind.DEPLOYMENT, labels.configSelector(1)),
                "the Deployment is gone too");
        assertEquals(0, relayPods.running());
    }

    @Test
    void aUdpServiceRelayTargetsTheServiceDnsName() {
        ForwardConfig config = ForwardConfig.builder().id(2L).alias("dns").kubeconfig(cluster.kubeconfig())
                .namespace(NS).workloadType(WorkloadType.SERVICE).service("dns").remotePort("dns").protocol("udp")
                .build();
        ResolvedTarget target = deployer.ensureRelay(config);
        Map<String, String> env = emulator.containerEnv(emulator.requirePod(NS, target.pod().name()));
        assertEquals("dns.dev.svc.cluster.local", env.get("REMOTE_ADDRESS"));
        assertEquals("53", env.get("REMOTE_PORT"), "named service port resolved");
        assertEquals("udp", env.get("PROXY_TYPE"));
        deployer.release(config);
        assertTrue(emulator.pod(NS, target.pod().name()).isEmpty());
    }

    @Test
    void aBarePodAndAnEditedTemplateAreHonoured() throws Exception {
        Path templates = dir.resolve("edited");
        java.nio.file.Files.createDirectories(templates);
        String pod = new String(RelayTemplates.class.getResourceAsStream("/templates/relay-pod.yaml").readAllBytes(),
                StandardCharsets.UTF_8).replace("  restartPolicy: Never", "  restartPolicy: Never\n"
                + "  nodeSelector:\n    kftray.app/relays: \"yes\"\n  tolerations:\n    - key: dedicated\n"
                + "      operator: Exists");
        java.nio.file.Files.writeString(templates.resolve("relay-pod.yaml"), pod);
        RelayDeployer bare = new RelayDeployer(kube, workloads, states, configs, new RelayDeployer.Options(
                new RelayImage("registry.example/relay:1", "pull-me", true, false), Duration.ofSeconds(10),
                new RelayTemplates(templates)));
        try {
            ResolvedTarget target = bare.ensureRelay(proxy(5));
            assertEquals(labels.podName(5), target.pod().name(), "a bare pod has the relay's name");
            io.fabric8.kubernetes.api.model.PodSpec spec;
            try (var client = fabric8()) {
                spec = client.pods().inNamespace(NS).withName(target.pod().name()).get().getSpec();
            }
            assertEquals(Map.of("kftray.app/relays", "yes"), spec.getNodeSelector());
            assertEquals("dedicated", spec.getTolerations().get(0).getKey());
            assertEquals("registry.example/relay:1", spec.getContainers().get(0).getImage());
            assertEquals("pull-me", spec.getImagePullSecrets().get(0).getName());
            assertArrayEquals("bare".getBytes(StandardCharsets.UTF_8), echoThrough(target, "bare"));
        } finally {
            bare.deactivate();
        }
        assertTrue(kube.pods(cluster, NS, labels.configSelector(5)).isEmpty());
    }

    @Test
    void kftraysOwnRelayImageCarriesProxyAndUdpForwardsAsKftrayDocumentsIt() throws Exception {
        RelayDeployer compatible = new RelayDeployer(kube, workloads, states, configs, new RelayDeployer.Options(
                new RelayImage(RelaySettings.KFTRAY_IMAGE, "", false, true), Duration.ofSeconds(10),
                new RelayTemplates(dir.resolve("templates"))));
        try (java.net.DatagramSocket udpEcho = udpEcho()) {

            ResolvedTarget proxy = compatible.ensureRelay(proxy(8));
            Map<String, String> env = emulator.containerEnv(emulator.requirePod(NS, proxy.pod().name()));
            assertEquals(Map.of("REMOTE_ADDRESS", "127.0.0.1", "REMOTE_PORT", Integer.toString(echo.address().getPort()),
                    "LOCAL_PORT", "8080", "PROXY_TYPE", "tcp"), env, "kftray's four variables only");
            assertArrayEquals("via kftray's relay".getBytes(StandardCharsets.UTF_8),
                    echoThrough(proxy, "via kftray's relay"));
            try (var client = fabric8()) {
                var container = client.pods().inNamespace(NS).withName(proxy.pod().name()).get().getSpec()
                        .getContainers().get(0);
                assertEquals(RelaySettings.KFTRAY_IMAGE, container.getImage());
                assertEquals("relay", container.getReadinessProbe().getTcpSocket().getPort().getStrVal(),
                        "kftray's image has no health endpoint: probed by TCP");
            }

            ResolvedTarget udpRelay = compatible.ensureRelay(udpProxy(9));
            assertArrayEquals(PING_FRAME, echoThrough(udpRelay, PING_FRAME), "one reply frame per datagram");

            ForwardConfig expose = ForwardConfig.builder().id(10L).alias("web").kubeconfig(cluster.kubeconfig())
                    .namespace(NS).workloadType(WorkloadType.EXPOSE).localPort(3000).build();
            KubeException refused = assertThrows(KubeException.class, () -> compatible.ensureRelay(expose));
            assertTrue(refused.getMessage().contains("needs this project's relay image"), refused.getMessage());
        } finally {
            compatible.deactivate();
        }
        assertTrue(kube.pods(cluster, NS, labels.configSelector(8)).isEmpty());
        assertTrue(kube.pods(cluster, NS, labels.configSelector(9)).isEmpty());
    }

    @Test
    void aUdpForwardRunsThroughOurRelayDeployedFromAnEditedDeploymentTemplate() throws Exception {
        Path templates = dir.resolve("edited-deployment");
        java.nio.file.Files.createDirectories(templates);
        String deployment = new String(RelayTemplates.class.getResourceAsStream("/templates/relay-deployment.yaml")
                .readAllBytes(), StandardCharsets.UTF_8).replace("      containers:\n", "      nodeSelector:\n"
                + "        kftray.app/relays: \"yes\"\n      containers:\n");
        java.nio.file.Files.writeString(templates.resolve("relay-deployment.yaml"), deployment);
        RelayDeployer edited = new RelayDeployer(kube, workloads, states, configs, new RelayDeployer.Options(
                new RelayImage("kftray-relay:test", "", false, false), Duration.ofSeconds(10),
                new RelayTemplates(templates)));
        try (java.net.DatagramSocket echoes = udpEcho()) {
            ResolvedTarget relay = edited.ensureRelay(udpProxy(11));
            assertTrue(relay.pod().name().startsWith(labels.podName(11) + "-"), "a pod of the relay's Deployment");
            try (var client = fabric8()) {
                assertEquals(Map.of("kftray.app/relays", "yes"), client.apps().deployments().inNamespace(NS)
                        .withName(labels.podName(11)).get().getSpec().getTemplate().getSpec().getNodeSelector());
            }
            assertArrayEquals(PING_FRAME, echoThrough(relay, PING_FRAME));
        } finally {
            edited.deactivate();
        }
        assertTrue(kube.pods(cluster, NS, labels.configSelector(11)).isEmpty());
    }

    private static final byte[] PING_FRAME = java.nio.ByteBuffer.allocate(8).putInt(4)
            .put("ping".getBytes(StandardCharsets.UTF_8)).array();

    private static ForwardConfig udpProxy(long id) {
        return ForwardConfig.builder().id(id).alias("echo-udp-" + id).kubeconfig(cluster.kubeconfig()).namespace(NS)
                .workloadType(WorkloadType.PROXY).remoteAddress("echo.dev.svc.cluster.local").remotePort(7)
                .protocol("udp").build();
    }

    /** A UDP echo service, reached by relays as echo.dev.svc.cluster.local:7. */
    private static java.net.DatagramSocket udpEcho() throws java.io.IOException {
        java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        Thread echoer = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(buffer, buffer.length);
                    socket.receive(p);
                    socket.send(new java.net.DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        });
        echoer.setDaemon(true);
        echoer.start();
        relayPods.route("echo.dev.svc.cluster.local", 7, (java.net.InetSocketAddress) socket.getLocalSocketAddress());
        return socket;
    }

    @Test
    void theDefaultTemplatesAreWrittenOwnerOnlyForEditing() throws Exception {
        Path written = dir.resolve("templates").resolve("relay-deployment.yaml");
        deployer.ensureRelay(proxy(6));
        assertTrue(java.nio.file.Files.isRegularFile(written));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(written)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(written.getParent())));
        deployer.release(proxy(6));
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsAClearError() throws Exception {
        Path templates = dir.resolve("broken");
        java.nio.file.Files.createDirectories(templates);
        java.nio.file.Files.writeString(templates.resolve("relay-deployment.yaml"), "kind: Deployment\nname: {{nmae}}\n");
        RelayDeployer broken = new RelayDeployer(kube, workloads, states, configs, new RelayDeployer.Options(
                new RelayImage("kftray-relay:test", "", false, false), Duration.ofSeconds(10),
                new RelayTemplates(templates)));
        try {
            KubeException error = assertThrows(KubeException.class, () -> broken.ensureRelay(proxy(7)));
            assertEquals(Reason.INVALID, error.reason());
            assertTrue(error.getMessage().contains("uses {{nmae}}"), error.getMessage());
            assertTrue(error.getMessage().contains(templates.resolve("relay-deployment.yaml").toString()));
        } finally {
            broken.deactivate();
        }
    }

    @Test
    void aRelayThatNeverGetsReadyTimesOutAndIsDeleted() {
        emulator.faults().readyDelay(Duration.ofHours(1));
        RelayDeployer impatient = deployer(Duration.ofSeconds(1));
        try {
            KubeException error = assertThrows(KubeException.class, () -> impatient.ensureRelay(proxy(3)));
            assertEquals(Reason.NOT_READY, error.reason());
            assertTrue(error.getMessage().contains("was not ready within 1 s and was deleted"), error.getMessage());
            assertTrue(error.getMessage().contains("proxy-3"), error.getMessage());
            assertTrue(kube.pods(cluster, NS, labels.configSelector(3)).isEmpty(), "no pod left behind");
        } finally {
            impatient.deactivate();
        }
    }

    @Test
    void aNameTakenByAForeignDeploymentIsAClearErrorAndNothingIsDeleted() {
        String name = labels.podName(4);
        workloads.create(cluster, NS, """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%s", "labels": {"app": "someone-else"}},
                 "spec": {"selector": {"matchLabels": {"app": "someone-else"}}, "template": {
                   "metadata": {"labels": {"app": "someone-else"}},
                   "spec": {"containers": [{"name": "main", "image": "other:1"}]}}}}""".formatted(name));
        try {
            KubeException error = assertThrows(KubeException.class, () -> deployer.ensureRelay(proxy(4)));
            assertEquals(Reason.REFUSED, error.reason());
            assertTrue(error.getMessage().contains("cannot deploy its relay Deployment " + name), error.getMessage());
            assertTrue(error.getMessage().contains("already exists"), error.getMessage());
            assertEquals("someone-else", kube.pods(cluster, NS, "app=someone-else").get(0).labels().get("app"),
                    "the foreign Deployment's pod is untouched");
            assertTrue(kube.pods(cluster, NS, labels.configSelector(4)).isEmpty(), "no relay pod of ours");
        } finally {
            workloads.delete(cluster, NS, KubeWorkloads.ObjectKind.DEPLOYMENT, "app=someone-else");
        }
    }

    @Test
    void leftoversOfDeadRunsAreRemovedAndLiveOnesKept() {
        leftover(10);                                           // nobody runs forward 10
        leftover(11);
        states.running(11, new Owner(999, MemoryStates.SELF.host()), false);   // its owner crashed
        leftover(12);
        states.running(12, new Owner(998, MemoryStates.SELF.host()), true);    // another live process runs it
        Map<String, String> otherUser = new java.util.HashMap<>(RelayLabels.of("someone", "test-host").forConfig(13));
        emulator.namespace(NS).pod("kftray-relay-13-someone", otherUser,
                List.of(ContainerPort.containerPort("relay", 8080)), echo.address());

        assertEquals(2, deployer.removeOrphans(cluster, NS));

        assertTrue(emulator.pod(NS, labels.podName(10)).isEmpty());
        assertTrue(emulator.pod(NS, labels.podName(11)).isEmpty());
        assertTrue(emulator.pod(NS, labels.podName(12)).isPresent(), "a live owner's relay stays");
        assertTrue(emulator.pod(NS, "kftray-relay-13-someone").isPresent(), "another user's relay stays");
        emulator.kill(emulator.requirePod(NS, labels.podName(12)));
        emulator.kill(emulator.requirePod(NS, "kftray-relay-13-someone"));
    }

    @Test
    void startingUpRemovesLeftoversOfSavedForwards() throws Exception {
        leftover(20);
        configs.saved(proxy(20));
        RelayDeployer restarted = deployer(Duration.ofSeconds(10));
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (emulator.pod(NS, labels.podName(20)).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(emulator.pod(NS, labels.podName(20)).isEmpty(), "leftover removed in the background");
        } finally {
            restarted.deactivate();
        }
    }

    /** A client of the test's own, to read what was deployed. */
    static io.fabric8.kubernetes.client.KubernetesClient fabric8() {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                app.kftray.emulator.Fabric8Clients.config(Path.of(cluster.kubeconfig()), emulator.contextName())).build();
    }

    /** A relay pod of this user that a crashed run left behind. */
    private void leftover(long configId) {
        emulator.namespace(NS).pod(labels.podName(configId), labels.forConfig(configId),
                List.of(ContainerPort.containerPort("relay", 8080)), echo.address());
    }

    /** Sends text through a port-forward stream to the relay and reads the echo back. */
    private static byte[] echoThrough(ResolvedTarget target, String text) throws Exception {
        return echoThrough(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes through a port-forward stream to the relay and reads as many back. */
    private static byte[] echoThrough(ResolvedTarget target, byte[] sent) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        PodStream stream = transport.open(target.pod(), target.port(), new StreamReceiver() {
            @Override
            public void onData(ByteBuf data) {
                synchronized (received) {
                    received.writeBytes(ByteBufUtil.getBytes(data));
                    data.release();
                    if (received.size() >= sent.length) {
                        complete.complete(null);
                    }
                }
            }

            @Override
            public void onClosed(Throwable error) {
                complete.complete(null);
            }
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            stream.write(Unpooled.wrappedBuffer(sent));
            complete.get(10, TimeUnit.SECONDS);
        } finally {
            stream.close();
        }
        synchronized (received) {
            return received.toByteArray();
        }
    }
}
