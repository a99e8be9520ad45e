package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * One fabric8 client per cluster (kubeconfig + context), created on first use and
 * closed with the bundle. Shared by the components of this bundle only: the cluster access
 * beside it, and the port-forward transport, which dials the {@link ApiEndpoint}s kept here.
 */
@Component(service = ClusterClients.class)
public final class ClusterClients {
    /** A local or nearby API server answers a TCP connect quickly; a lost one should not stall callers. */
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Map<ClusterRef, Cluster> clusters = new ConcurrentHashMap<>();
    /** Raw-connection settings for the port-forward transport, dropped together with the client. */
    private final Map<ClusterRef, ApiEndpoint> endpoints = new ConcurrentHashMap<>();
    /** Told of each cluster dropped after it was found unreachable or changed. */
    private final List<Consumer<ClusterRef>> forgetListeners = new CopyOnWriteArrayList<>();
    /** Told of each pod a forward starts to follow; each answers when it is ready for the pod's connections. */
    private final List<Function<PodRef, CompletionStage<Void>>> followListeners = new CopyOnWriteArrayList<>();
    /** Re-reads credentials (exec plugins are processes) away from event loops and callers. */
    private final ExecutorService credentialRefresher = Executors.newCachedThreadPool(
            new DefaultThreadFactory("kftray-credentials", true));
    /**
     * Chosen at the first tunnel, not at activation: finding out whether OpenSSL loads means extracting and
     * loading its native library, a few hundred milliseconds every bundle activated after this one would wait
     * for. The client warm-up makes the choice in the background meanwhile.
     */
    private volatile TunnelTls tls;

    /** Tunnels use OpenSSL where it loads, the JDK's TLS otherwise. */
    public ClusterClients() {
    }

    /** @param tls the TLS engine of the tunnels (both must work: tests and benchmarks compare them) */
    public ClusterClients(TunnelTls tls) {
        this.tls = tls;
    }

    private TunnelTls tls() {
        TunnelTls chosen = tls;
        if (chosen == null) {
            // a race only makes the same choice twice
            chosen = TunnelTls.preferred();
            tls = chosen;
        }
        return chosen;
    }

    /**
     * A connected cluster.
     *
     * @param config the resolved configuration, credentials included (memory only)
     * @param client the fabric8 client
     * @param proxy  the proxy its connections go through, or {@code null}
     * @param bridge carries the client's connections to a proxy it cannot speak itself, or {@code null}
     */
    record Cluster(Config config, KubernetesClient client, ApiProxy proxy, ProxyBridge bridge) {
        void close() {
            client.close();
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    /**
     * @param ref kubeconfig and context
     * @return the cluster's client, created if needed
     */
    Cluster cluster(ClusterRef ref) {
        return clusters.computeIfAbsent(ref, this::connect);
    }

    /**
     * Runs a call against a cluster. When the API server turns out to be unreachable the
     * client is dropped, so the next call starts with fresh connections instead of pooled
     * ones the server has closed.
     *
     * @param ref    the cluster
     * @param what   what is being done, for error messages
     * @param action the call
     * @return its result
     */
    <T> T call(ClusterRef ref, String what, Function<KubernetesClient, T> action) {
        Cluster cluster = cluster(ref);
        try {
            return callOn(ref, cluster, what, action);
        } catch (IllegalStateException closed) {
            if (clusters.get(ref) == cluster) {
                throw closed;
            }
            // another call found the server unreachable and closed this client under us: once more, on a fresh one
            return callOn(ref, cluster(ref), what, action);
        }
    }

    private <T> T callOn(ClusterRef ref, Cluster cluster, String what, Function<KubernetesClient, T> action) {
        try {
            return KubeErrors.call(what, () -> action.apply(cluster.client()));
        } catch (KubeException e) {
            // an interrupted call (a component stopping) says nothing about the server
            if (e.reason() == KubeException.Reason.UNREACHABLE && !Thread.currentThread().isInterrupted()) {
                forget(ref);
                throw throughProxy(cluster, e);
            }
            throw e;
        }
    }

    /** @return the error, naming the proxy in between when there is one: it may be the one that failed */
    private static KubeException throughProxy(Cluster cluster, KubeException e) {
        ApiProxy proxy = cluster.proxy();
        return proxy == null ? e : new KubeException(e.reason(), e.getMessage() + " (through the proxy "
                + proxy.describe() + ")", e.getCause());
    }

    /**
     * @param ref kubeconfig and context
     * @return where and how to open raw connections to its API server (TLS context built once)
     */
    public ApiEndpoint endpoint(ClusterRef ref) {
        return endpoints.computeIfAbsent(ref, r -> {
            Cluster cluster = cluster(r);
            return ApiEndpoint.of(cluster.config(), cluster.proxy(), tls(), credentialRefresher);
        });
    }

    /** @param listener told of each cluster dropped because it was lost or changed (e.g. to close its tunnels) */
    public void whenForgotten(Consumer<ClusterRef> listener) {
        forgetListeners.add(listener);
    }

    /**
     * @param listener told of each pod a forward starts to follow (e.g. to dial its tunnel ahead of the first
     *                 client); completes, never exceptionally, when it is ready for the pod's connections
     */
    public void whenFollowed(Function<PodRef, CompletionStage<Void>> listener) {
        followListeners.add(listener);
    }

    /**
     * @param pod a forward now sends its connections to this pod
     * @return completes when every listener is ready for them
     */
    CompletableFuture<Void> followed(PodRef pod) {
        return CompletableFuture.allOf(followListeners.stream()
                .map(listener -> listener.apply(pod).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    /** @param ref a cluster found unreachable, or whose kubeconfig may have changed */
    void forget(ClusterRef ref) {
        endpoints.remove(ref);
        Cluster stale = clusters.remove(ref);
        if (stale != null) {
            stale.close();
        }
        forgetListeners.forEach(listener -> listener.accept(ref));
    }

    private Cluster connect(ClusterRef ref) {
        Config config = KubeconfigLoader.load(ref);
        URI server = URI.create(config.getMasterUrl());
        ApiProxy proxy = ApiProxy.of(config, server);
        ClientCertificate.checkNotExpired(config, java.time.Instant.now());
        // outages are reported to the engine at once; it owns the retry policy
        config.setWatchReconnectLimit(0);
        // a couple of quick retries cover pooled connections the server closed; more would hide an outage
        config.setRequestRetryBackoffLimit(2);
        config.setRequestRetryBackoffInterval(100);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        ProxyBridge bridge = ProxyBridge.needed(proxy) ? bridge(config, proxy, server) : null;
        try {
            return new Cluster(config, newClient(config), proxy, bridge);
        } catch (RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            throw e;
        }
    }

    /** Points the client at a bridge to {@code proxy}, which its HTTP client cannot speak itself. */
    private ProxyBridge bridge(Config config, ApiProxy proxy, URI server) {
        if (!"https".equalsIgnoreCase(server.getScheme())) {
            throw new KubeException(KubeException.Reason.INVALID, "cannot use the proxy " + proxy.describe()
                    + " for " + server + ": a socks5 or https proxy is supported for https API servers only", null);
        }
        ProxyBridge bridge = ProxyBridge.start(proxy, ApiEndpoint.tls(config, tls()), server);
        config.setHttpsProxy(bridge.url());
        config.setProxyUsername(null); // the bridge signs in to the real proxy
        config.setProxyPassword(null);
        return bridge;
    }

    /**
     * @param config a resolved configuration
     * @return a client as this bundle builds them (JDK HTTP client, the bundle's class loader)
     */
    static KubernetesClient newClient(Config config) {
        return withBundleClassLoader(() -> new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withKubernetesSerialization(serialization())
                .build());
    }

    /**
     * @return the JSON mapping every client of this bundle shares: a client of its own would build the
     *         deserializers of the model's types again (a Pod's take most of a second before the JIT),
     *         for each cluster; shared, the warm-up builds them before the first forward needs them
     */
    static KubernetesSerialization serialization() {
        return SharedSerialization.INSTANCE;
    }

    /** Created on first use, with this bundle as context class loader, like the clients. */
    private static final class SharedSerialization {
        static final KubernetesSerialization INSTANCE = withBundleClassLoader(ResourceKinds::serialization);
    }

    /**
     * Runs fabric8 code with this bundle as context class loader, so its ServiceLoader
     * look-ups see the embedded libraries.
     */
    static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClusterClients.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Closes every client; the bundle's components are stopping. */
    @Deactivate
    public void closeAll() {
        clusters.values().forEach(Cluster::close);
        clusters.clear();
        endpoints.clear();
        credentialRefresher.shutdownNow();
    }
}
