package app.kftray.protocol.socks5.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A namespace's services and pods held in memory; pods' container ports are loopback backend ports. */
final class FakeCluster implements KubeAccess {
    static final ClusterRef CLUSTER = new ClusterRef(null, "test");
    private final List<ServiceInfo> services = new ArrayList<>();
    private final List<PodInfo> pods = new ArrayList<>();
    private volatile KubeException outage;

    /** A service {@code name} (selector app=name) with the given service port → target port. */
    FakeCluster service(String name, int port, String targetPort) {
        services.add(new ServiceInfo(name, Map.of("app", name), List.of(new ServicePort("http", port, targetPort, "TCP"))));
        return this;
    }

    FakeCluster udpService(String name, int port) {
        services.add(new ServiceInfo(name, Map.of("app", name), List.of(new ServicePort(null, port, null, "UDP"))));
        return this;
    }

    /** A pod labelled app=app; {@code namedPorts} alternate name, number. */
    FakeCluster pod(String name, String app, boolean ready, Object... namedPorts) {
        Map<String, Integer> ports = new HashMap<>();
        for (int i = 0; i + 1 < namedPorts.length; i += 2) {
            ports.put((String) namedPorts[i], (Integer) namedPorts[i + 1]);
        }
        pods.add(new PodInfo(new PodRef(CLUSTER, "dev", name, name + "-uid"), ready ? "Running" : "Pending", ready,
                Map.of("app", app), ports));
        return this;
    }

    void outage(KubeException failure) {
        outage = failure;
    }

    @Override
    public List<KubeContext> contexts(String kubeconfig) {
        return List.of(new KubeContext("test", "test", "dev", true));
    }

    @Override
    public List<String> namespaces(ClusterRef cluster) {
        return List.of("dev");
    }

    @Override
    public List<ServiceInfo> services(ClusterRef cluster, String namespace) {
        check(namespace);
        return List.copyOf(services);
    }

    @Override
    public List<PodInfo> pods(ClusterRef cluster, String namespace, String labelSelector) {
        check(namespace);
        List<String> terms = labelSelector == null ? List.of() : Arrays.asList(labelSelector.split(","));
        return pods.stream().filter(p -> terms.stream().allMatch(t -> {
            String[] kv = t.split("=", 2);
            return kv[1].equals(p.labels().get(kv[0]));
        })).toList();
    }

    private void check(String namespace) {
        if (outage != null) {
            throw outage;
        }
        if (!"dev".equals(namespace)) {
            throw new KubeException(KubeException.Reason.NOT_FOUND, "namespace '" + namespace + "' not found", null);
        }
    }

    @Override
    public ResolvedTarget resolve(ForwardConfig config) {
        throw new UnsupportedOperationException("socks5 resolves names itself");
    }

    @Override
    public AutoCloseable watch(PodRef pod, PodWatcher watcher) {
        return () -> { };
    }
}
