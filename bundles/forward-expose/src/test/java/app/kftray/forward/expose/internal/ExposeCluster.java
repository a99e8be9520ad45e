package app.kftray.forward.expose.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.HttpLogService;
import app.kftray.api.KftrayHome;
import app.kftray.api.KubeAccess;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.StandaloneStores;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.emulator.Fabric8Clients;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.RelayPods;
import app.kftray.kube.internal.cluster.ClusterClients;
import app.kftray.kube.internal.cluster.FabricKubeAccess;
import app.kftray.kube.internal.cluster.FabricKubeWorkloads;
import app.kftray.kube.internal.transport.MultiplexedPortForwardTransport;
import app.kftray.relay.deploy.internal.RelayDeployer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * The real parts an expose forward runs on, outside a framework: the API emulator (named like kftray's example
 * context) whose relay pods run the real relay, the kube bundle's client and port-forward transport, the relay
 * deployment and a SQLite store in a kftray home of the test's own.
 */
final class ExposeCluster implements AutoCloseable {
    static final String CONTEXT = "my-k8s-cluster";

    final Path home;
    final KubeEmulator emulator;
    final RelayPods relayPods;
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final ClusterClients clusters = new ClusterClients();
    final FabricKubeAccess kube = new FabricKubeAccess(clusters);
    final FabricKubeWorkloads workloads = new FabricKubeWorkloads(clusters);
    final MultiplexedPortForwardTransport transport = new MultiplexedPortForwardTransport(clusters, () -> group);
    final StandaloneStores stores;
    final Path kubeconfig;
    private final java.util.Map<Long, java.util.concurrent.ScheduledFuture<?>> tracking =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService trackers =
            java.util.concurrent.Executors.newScheduledThreadPool(1, r -> {
                Thread thread = new Thread(r, "test-target-tracker");
                thread.setDaemon(true);
                return thread;
            });

    ExposeCluster(Path dir) throws Exception {
        home = dir.resolve("home");
        System.setProperty(KftrayHome.PROPERTY, home.toString());
        emulator = KubeEmulator.builder().contextName(CONTEXT).start();
        relayPods = RelayPods.install(emulator);
        kubeconfig = emulator.writeKubeconfig(dir.resolve("kubeconfig"), "default");
        stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow().open(home);
    }

    ConfigStore configs() {
        return stores.configs();
    }

    /** @param readyTimeoutSeconds how long a relay may take to become ready */
    RelayDeployer deployer(long readyTimeoutSeconds) {
        return RelayDeployer.withDefaults(kube, workloads, stores.states(), stores.configs(),
                java.time.Duration.ofSeconds(readyTimeoutSeconds));
    }

    /** Imports a kftray file whose local port and kubeconfig are set to this test's. */
    ForwardConfig importExample(String resource, int localPort) throws Exception {
        String json;
        try (var in = ExposeCluster.class.getResourceAsStream("/" + resource)) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        json = json.replaceFirst("\"local_port\": \\d+", "\"local_port\": " + localPort)
                .replaceFirst("\\{", "{\"kubeconfig\": \"" + kubeconfig + "\",");
        configs().importJson(json);
        String alias = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(0).get("alias").asText();
        ForwardConfig imported = configs().find(alias).orElseThrow();
        assert imported.localPort() == localPort;
        emulator.namespace(imported.namespace());
        return imported;
    }

    /** @return the cluster a definition names */
    app.kftray.api.model.ClusterRef cluster(ForwardConfig config) {
        return app.kftray.api.model.ClusterRef.of(config);
    }

    /** A client of the test's own, to read what was deployed. */
    KubernetesClient fabric8() {
        return new KubernetesClientBuilder().withConfig(Fabric8Clients.config(kubeconfig, CONTEXT)).build();
    }

    /**
     * What the engine gives the handler. Like the engine's target tracker, a thread of its own asks the deployer
     * for the relay's ready pod (waiting for a replaced one) and the handler reads the latest answer.
     */
    ForwardContext context(ForwardConfig config, RelayDeployer deployer, ForwardMonitor monitor) {
        java.util.concurrent.atomic.AtomicReference<ResolvedTarget> current =
                new java.util.concurrent.atomic.AtomicReference<>(deployer.ensureRelay(config));
        tracking.put(config.id(), trackers.scheduleWithFixedDelay(() -> {
            try {
                current.set(deployer.ensureRelay(config));
            } catch (RuntimeException notNow) {
                // released, or not ready: the handler keeps retrying with what it has
            }
        }, 200, 200, TimeUnit.MILLISECONDS));
        return new ForwardContext() {
            @Override
            public ForwardConfig config() {
                return config;
            }

            @Override
            public ResolvedTarget currentTarget() {
                return current.get();
            }

            @Override
            public PortForwardTransport transport() {
                return transport;
            }

            @Override
            public KubeAccess kube() {
                return kube;
            }

            @Override
            public EventLoopGroup group() {
                return group;
            }

            @Override
            public ForwardMonitor monitor() {
                return monitor;
            }

            @Override
            public Optional<HttpLogService> httpLog() {
                return Optional.empty();
            }
        };
    }

    /** Stops following a forward's relay, before it is released. */
    void untrack(ForwardConfig config) {
        var tracker = tracking.remove(config.id());
        if (tracker != null) {
            tracker.cancel(false);
        }
    }

    @Override
    public void close() throws Exception {
        trackers.shutdownNow();
        var closeAll = ClusterClients.class.getDeclaredMethod("closeAll");
        closeAll.setAccessible(true);
        closeAll.invoke(clusters);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        relayPods.close();
        emulator.close();
        stores.close();
        System.clearProperty(KftrayHome.PROPERTY);
    }
}
