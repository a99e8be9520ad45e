package app.kftray.emulator;

import app.kftray.emulator.auth.Credentials;
import app.kftray.emulator.auth.Identity;
import app.kftray.emulator.http.ApiServer;
import app.kftray.emulator.portforward.BackendConnector;
import app.kftray.emulator.portforward.ForwardFaults;
import app.kftray.emulator.portforward.ForwardRegistry;
import app.kftray.emulator.portforward.PortForwardUpgrader;
import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import app.kftray.emulator.tls.CertificateAuthority;
import app.kftray.emulator.tls.ClientCredentials;
import app.kftray.emulator.world.World;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Kubernetes API server for tests: discovery, namespaces, pods, services, endpoints with list, get, watch,
 * create and delete, and {@code pods/portforward} over SPDY and WebSocket, served on loopback so real kubectl
 * and fabric8 work against it. Pods lead to local backend sockets. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start()) {
 *     kube.namespace("dev")
 *         .service("web", Map.of("app", "web"), List.of(ServicePort.port(80, "http", 8080)))
 *         .pod("web-1", Map.of("app", "web"), List.of(ContainerPort.containerPort("http", 8080)), echo.address());
 *     Path kubeconfig = kube.writeKubeconfig(dir.resolve("config"), "dev");
 * }
 * }</pre>
 */
public final class KubeEmulator implements AutoCloseable {
    private final EventLoopGroup group;
    private final ScheduledExecutorService timer;
    private final World world;
    private final ForwardRegistry forwards = new ForwardRegistry();
    private final ApiServer server;
    private final Faults faults;
    private final CertificateAuthority ca;
    private final String token;
    private final Credentials credentials;
    private final String contextName;
    private final InetSocketAddress address;

    private KubeEmulator(Builder b) throws InterruptedException {
        this.token = b.token;
        this.credentials = new Credentials(b.token, Clock.systemUTC());
        this.contextName = b.contextName;
        this.group = new MultiThreadIoEventLoopGroup(b.threads, NioIoHandler.newFactory());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kube-emulator-controllers");
            t.setDaemon(true);
            return t;
        });
        this.world = new World(new ResourceStore(b.historyLimit), timer);
        world.onPodGone(forwards::closePod);
        ForwardFaults link = new ForwardFaults();
        SslContext ssl = null;
        if (b.tls) {
            ca = CertificateAuthority.create("kube-emulator-ca");
            ssl = ca.issueServer("kube-apiserver", List.of("localhost", "kubernetes", "kubernetes.default"),
                    List.of("127.0.0.1", "::1")).sslContext(b.clientCertificates);
        } else {
            ca = null;
        }
        this.server = new ApiServer(group, world,
                new PortForwardUpgrader(new BackendConnector(link), forwards, b.spdyTunnel), ssl, credentials);
        this.faults = new Faults(server, forwards, link, world);
        try {
            this.address = server.bind(new InetSocketAddress(b.host, b.port));
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
        world.ensureNamespace("default");
    }

    /** Starts with the defaults: HTTPS on 127.0.0.1, a free port, a random bearer token. */
    public static KubeEmulator start() throws InterruptedException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Declares objects in a namespace, creating the namespace if needed. */
    public NamespaceScope namespace(String name) {
        return new NamespaceScope(world, name);
    }

    public Optional<PodHandle> pod(String namespace, String name) {
        return world.pod(namespace, name);
    }

    /** The pod's current handle; fails if there is no such pod. */
    public PodHandle requirePod(String namespace, String name) {
        return pod(namespace, name).orElseThrow(
                () -> new IllegalArgumentException("no pod " + namespace + "/" + name));
    }

    /** Deletes the pod (DELETED event, endpoints updated, its open port-forwards end). */
    public void kill(PodHandle pod) {
        try {
            world.deletePod(pod.namespace(), pod.name());
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Replaces the pod by a new incarnation (new generated name and uid, same labels and ports) whose ports
     * all lead to {@code backend}, Ready after {@code readyDelay}.
     */
    public PodHandle restart(PodHandle pod, InetSocketAddress backend, Duration readyDelay) {
        Map<Integer, InetSocketAddress> backends = new java.util.HashMap<>();
        world.containerPorts(pod).forEach(port -> backends.put(port, backend));
        return restart(pod, backends, readyDelay);
    }

    /** {@link #restart(PodHandle, InetSocketAddress, Duration)} with a backend per container port. */
    public PodHandle restart(PodHandle pod, Map<Integer, InetSocketAddress> backends, Duration readyDelay) {
        return world.restart(pod, World.nextIncarnationName(pod.name()), backends, readyDelay);
    }

    /** Marks a pod ready or not ready; service endpoints follow. */
    public void setReady(PodHandle pod, boolean ready) {
        world.setReady(pod, ready);
    }

    /** Points a pod's container port at a backend (for pods created through the API). */
    public void attachBackend(PodHandle pod, int port, InetSocketAddress backend) {
        world.attachBackend(pod, port, backend);
    }

    /**
     * The environment variables the pod's containers declare, as a kubelet would set them: plain values, and
     * values taken from a Secret of the pod's namespace ({@code valueFrom.secretKeyRef}, left out when the
     * Secret or key is missing); for hooks that start a backend configured like the pod's image; empty if there
     * is no such pod.
     */
    public Map<String, String> containerEnv(PodHandle pod) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        world.store().get(app.kftray.emulator.store.ResourceKind.PODS, pod.namespace(), pod.name())
                .ifPresent(object -> object.path("spec").path("containers").forEach(c -> c.path("env").forEach(e -> {
                    com.fasterxml.jackson.databind.JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (ref.isObject()) {
                        world.configObjects().secretValue(pod.namespace(), ref.path("name").asText(),
                                ref.path("key").asText()).ifPresent(v -> env.put(e.path("name").asText(), v));
                    } else {
                        env.put(e.path("name").asText(), e.path("value").asText());
                    }
                })));
        return env;
    }

    /** The image of the pod's first container; empty text if there is no such pod. */
    public String containerImage(PodHandle pod) {
        return world.store().get(app.kftray.emulator.store.ResourceKind.PODS, pod.namespace(), pod.name())
                .map(object -> object.path("spec").path("containers").path(0).path("image").asText(""))
                .orElse("");
    }

    /**
     * Where a client standing in for a pod reaches a Service's port: the backend of the container port the
     * Service's {@code targetPort} names, on a ready pod its selector picks (as kube-proxy would route it).
     *
     * @throws IllegalArgumentException if there is no such Service or port, or no ready pod with a backend
     */
    public InetSocketAddress serviceAddress(String namespace, String service, int port) {
        return app.kftray.emulator.world.ServiceRouting.route(world, namespace, service, port);
    }

    /** Which creations the API refuses (403), for tests of a client that may not create some kind. */
    public app.kftray.emulator.world.Admission admission() {
        return world.admission();
    }

    /** Runs for each pod created through the API, before it starts; typically attaches a backend. */
    public void onPodCreated(Consumer<PodHandle> hook) {
        world.onPodCreated(hook);
    }

    public Faults faults() {
        return faults;
    }

    /** Open port-forward connections (SPDY or WebSocket), for tests checking cleanup. */
    public int openPortForwards() {
        return forwards.openConnections();
    }

    /** Pod watches open now, over any transport: how many watch connections clients hold for pods. */
    public int openPodWatches() {
        return world.store().openWatches(ResourceKind.PODS);
    }

    /** Pod watches started since the emulator started, closed ones included. */
    public long podWatchesStarted() {
        return world.store().watchesStarted(ResourceKind.PODS);
    }

    /** Resource requests served since the emulator started, by verb and resource ({@code "list pods"}). */
    public Map<String, Long> requestCounts() {
        return server.requests().snapshot();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code https://127.0.0.1:PORT} (or http when TLS is off). */
    public String url() {
        String host = address.getAddress() instanceof java.net.Inet6Address
                ? "[" + address.getHostString() + "]" : address.getHostString();
        return (ca != null ? "https://" : "http://") + host + ":" + address.getPort();
    }

    /** The bearer token clients must send, or null when any caller is accepted. */
    public String token() {
        return token;
    }

    /**
     * A new token for {@code identity} that the server accepts for {@code ttl}, then answers with 401, as
     * short-lived exec-plugin and OIDC credentials are; {@link Identity#namespaced} makes a user with
     * namespace-scoped rights only, whose other requests get 403.
     */
    public String issueToken(Identity identity, Duration ttl) {
        return credentials.issue(identity, ttl);
    }

    /** @return how many requests the API server answered 401 (a missing, unknown or expired token) */
    public int unauthorizedRequests() {
        return credentials.rejected();
    }

    /** Makes a token from {@link #issueToken} invalid at once. */
    public void revokeToken(String issuedToken) {
        credentials.revoke(issuedToken);
    }

    /** A kubeconfig context like {@link #context(String, String)} but authenticating with {@code withToken}. */
    public KubeconfigContext context(String name, String namespace, String withToken) {
        return new KubeconfigContext(name, url(), caPem(), withToken, namespace);
    }

    /**
     * @param user the certificate's common name
     * @return a client certificate from the cluster CA, for {@link KubeconfigContext#withClientCertificate}
     */
    public ClientCredentials issueClientCertificate(String user) {
        if (ca == null) {
            throw new IllegalStateException("a plain HTTP emulator has no CA");
        }
        return ca.issueClient(user);
    }

    /** The cluster CA in PEM, or null for plain HTTP. */
    public String caPem() {
        return ca == null ? null : ca.certificatePem();
    }

    /** A kubeconfig context for this server named {@code name}, defaulting to {@code namespace}. */
    public KubeconfigContext context(String name, String namespace) {
        return new KubeconfigContext(name, url(), caPem(), token, namespace);
    }

    /** Writes a kubeconfig with this server as its only (and current) context. */
    public Path writeKubeconfig(Path file, String namespace) throws IOException {
        return KubeconfigWriter.write(file, List.of(context(contextName, namespace)));
    }

    /** The name of the context {@link #writeKubeconfig} writes. */
    public String contextName() {
        return contextName;
    }

    @Override
    public void close() {
        server.close();
        shutdown();
    }

    private void shutdown() {
        timer.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Options of a new emulator. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private boolean tls = true;
        private String token = randomToken();
        private String contextName = "emulator";
        private int historyLimit = 1000;
        private int threads = 2;
        private boolean spdyTunnel = true;
        private boolean clientCertificates;

        private Builder() {
        }

        /** The address to listen on; loopback by default. */
        public Builder host(InetAddress host) {
            this.host = host;
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** HTTPS with a generated CA (the default) or plain HTTP. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** The bearer token to require; null accepts any caller. Random by default. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The context name written to kubeconfigs. */
        public Builder contextName(String contextName) {
            this.contextName = contextName;
            return this;
        }

        /** How many events a watch may resume across before it gets 410 Expired. */
        public Builder historyLimit(int historyLimit) {
            this.historyLimit = historyLimit;
            return this;
        }

        /** Event loop threads for API and forwarded traffic. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Whether port-forward serves SPDY tunneled over WebSocket (the default); off, such requests get 400
         * as from an API server without the {@code PortForwardWebsockets} feature, and clients fall back.
         */
        public Builder spdyTunnel(boolean spdyTunnel) {
            this.spdyTunnel = spdyTunnel;
            return this;
        }

        /**
         * Whether TLS clients must present a certificate from the emulator's CA ({@link #issueClientCertificate}),
         * besides the bearer token; off by default.
         */
        public Builder requireClientCertificates(boolean clientCertificates) {
            this.clientCertificates = clientCertificates;
            return this;
        }

        public KubeEmulator start() throws InterruptedException {
            return new KubeEmulator(this);
        }

        private static String randomToken() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
