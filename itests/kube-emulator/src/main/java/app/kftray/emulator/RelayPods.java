package app.kftray.emulator;

import app.kftray.relay.server.EnvironmentConfig;
import app.kftray.relay.server.RelayServer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the real relay (relay-server, in-process) for every relay pod created through the emulator's API,
 * configured from the pod's environment as the relay image would be, and makes it the pod's backend. The
 * relay listens on loopback; cluster host names it is told to reach ({@code svc.ns.svc.cluster.local}) are
 * mapped to local addresses with {@link #route}, standing in for cluster DNS. A reverse (expose) relay's
 * control port becomes a second backend of its pod, next to its cluster listener, so a port-forward reaches
 * the one and {@link KubeEmulator#serviceAddress} the other. Pods with neither {@code REMOTE_ADDRESS} nor
 * {@code PROXY_TYPE} in their environment are left alone.
 *
 * <pre>{@code
 * try (RelayPods relays = RelayPods.install(kube)) {
 *     relays.route("dns.dev.svc.cluster.local", 53, dnsmasq);
 *     ... // a client creates a relay pod; port-forwards to it reach the relay
 * }
 * }</pre>
 */
public final class RelayPods implements AutoCloseable {
    /** Pods of this image (kftray's public relay) get a {@link KftrayStyleRelay} instead of this project's relay. */
    public static final String KFTRAY_IMAGE = "hcavarsan/kftray-server";
    private final KubeEmulator emulator;
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final Map<PodHandle, AutoCloseable> relays = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RelayPods(KubeEmulator emulator) {
        this.emulator = emulator;
    }

    /** Starts a relay for each relay pod the emulator creates from now on; close it to stop them all. */
    public static RelayPods install(KubeEmulator emulator) {
        RelayPods pods = new RelayPods(emulator);
        emulator.onPodCreated(pods::podCreated);
        return pods;
    }

    /** Relays asked for {@code host:port} reach {@code target} instead (a cluster DNS name, say). */
    public RelayPods route(String host, int port, InetSocketAddress target) {
        routes.put(host + ":" + port, target);
        return this;
    }

    /** Relays whose pod still exists; relays of deleted pods are stopped on the way. */
    public int running() {
        stopRelaysOfDeletedPods();
        return relays.size();
    }

    /** Relay pods whose relay could not start (bad environment), one message each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        closed = true;
        relays.values().forEach(RelayPods::closeQuietly);
        relays.clear();
    }

    private void podCreated(PodHandle pod) {
        stopRelaysOfDeletedPods();
        Map<String, String> env = new HashMap<>(emulator.containerEnv(pod));
        boolean relayPod = env.containsKey(EnvironmentConfig.REMOTE_ADDRESS) || env.containsKey(EnvironmentConfig.PROXY_TYPE);
        if (closed || !relayPod) {
            return;
        }
        int controlPort = parsePort(env.getOrDefault(EnvironmentConfig.CONTROL_PORT, "9999"));
        int podPort = parsePort(env.getOrDefault(EnvironmentConfig.LOCAL_PORT, "8080"));
        InetSocketAddress route = routes.get(env.get(EnvironmentConfig.REMOTE_ADDRESS) + ":"
                + env.get(EnvironmentConfig.REMOTE_PORT));
        if (route != null) {
            env.put(EnvironmentConfig.REMOTE_ADDRESS, route.getHostString());
            env.put(EnvironmentConfig.REMOTE_PORT, Integer.toString(route.getPort()));
        }
        if (emulator.containerImage(pod).contains(KFTRAY_IMAGE)) {
            startKftrayStyle(pod, env, podPort);
            return;
        }
        env.put(EnvironmentConfig.BIND_ADDRESS, "127.0.0.1");
        env.put(EnvironmentConfig.LOCAL_PORT, "0");
        env.put(EnvironmentConfig.CONTROL_BIND_ADDRESS, "127.0.0.1");
        env.put(EnvironmentConfig.CONTROL_PORT, "0");
        env.remove(EnvironmentConfig.HEALTH_PORT);
        env.remove(EnvironmentConfig.HEALTH_BIND_ADDRESS);
        try {
            RelayServer relay = RelayServer.start(EnvironmentConfig.read(env));
            relays.put(pod, relay);
            emulator.attachBackend(pod, podPort, relay.address());
            relay.controlAddress().ifPresent(control -> emulator.attachBackend(pod, controlPort, control));
        } catch (RuntimeException e) {
            failures.add(pod.namespace() + "/" + pod.name() + ": " + e.getMessage());
        }
    }

    /** kftray's own image: a relay that behaves as kftray's is documented to. */
    private void startKftrayStyle(PodHandle pod, Map<String, String> env, int podPort) {
        try {
            String host = env.getOrDefault(EnvironmentConfig.REMOTE_ADDRESS, "127.0.0.1");
            int port = parsePort(env.getOrDefault(EnvironmentConfig.REMOTE_PORT, "8080"));
            KftrayStyleRelay relay = KftrayStyleRelay.start(env, new InetSocketAddress(host, port));
            relays.put(pod, relay);
            emulator.attachBackend(pod, podPort, relay.address());
        } catch (java.io.IOException | RuntimeException e) {
            failures.add(pod.namespace() + "/" + pod.name() + ": " + e.getMessage());
        }
    }

    private void stopRelaysOfDeletedPods() {
        relays.forEach((pod, relay) -> {
            boolean gone = emulator.pod(pod.namespace(), pod.name()).map(now -> !now.uid().equals(pod.uid()))
                    .orElse(true);
            if (gone && relays.remove(pod, relay)) {
                closeQuietly(relay);
            }
        });
    }

    private static void closeQuietly(AutoCloseable relay) {
        try {
            relay.close();
        } catch (Exception e) {
            // stopping a test relay
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 8080;
        }
    }
}
