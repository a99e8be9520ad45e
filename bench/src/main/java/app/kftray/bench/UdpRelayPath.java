package app.kftray.bench;

import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.Dnsmasq;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.RelayPods;
import app.kftray.emulator.ServicePort;
import app.kftray.forward.udp.internal.UdpProtocolHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A real dnsmasq and the whole path to it through the relay: a udp forward (forward-udp, port-forward
 * tunnel) to the API server emulator, which runs the real relay for the relay pod, which queries dnsmasq.
 * Other relays (other pods) can be deployed on the same emulator ({@link #dataPath}, {@link #cluster}).
 */
final class UdpRelayPath implements AutoCloseable {
    static final String NAMESPACE = "bench";
    static final String DNS_NAME = "dns." + NAMESPACE + ".svc.cluster.local";
    static final int DNS_PORT = 53;
    /** The names dnsmasq answers; client {@code i} of a load asks for the i-th. */
    static final Map<String, String> RECORDS = Map.of("a.bench.test", "10.0.0.1", "b.bench.test",
            "10.0.0.2", "c.bench.test", "10.0.0.3", "d.bench.test", "10.0.0.4");

    /** Closed in the reverse order of opening. */
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Dnsmasq dns;
    private KubeEmulator kube;
    private DataPath path;
    private ClusterRef cluster;
    private ForwardConfig.Builder base;
    private OursForward forward;

    private UdpRelayPath() {
    }

    /**
     * @param home where the kubeconfig is written
     * @return the path, its udp forward listening
     */
    static UdpRelayPath start(Path home) throws Exception {
        UdpRelayPath p = new UdpRelayPath();
        try {
            p.dns = p.open(Dnsmasq.start(RECORDS));
            p.kube = p.open(KubeEmulator.start());
            p.open(RelayPods.install(p.kube).route(DNS_NAME, DNS_PORT, p.dns.address()));
            p.path = p.open(new DataPath());
            p.kube.namespace(NAMESPACE).service("dns", Map.of("app", "dns"),
                    List.of(ServicePort.port(DNS_PORT, "dns", DNS_PORT)));
            Path kubeconfig = p.kube.writeKubeconfig(home.resolve("kubeconfig"), NAMESPACE);
            p.cluster = new ClusterRef(kubeconfig.toString(), p.kube.contextName());
            p.base = ForwardConfig.builder().kubeconfig(kubeconfig.toString()).context(p.kube.contextName())
                    .namespace(NAMESPACE).localPort(0);
            ResolvedTarget relay = RelayPod.deploy(p.path.workloads(), p.cluster, NAMESPACE, "relay-udp", "udp",
                    DNS_NAME, DNS_PORT);
            p.forward = p.open(new OursForward(p.path, p.base.alias("dns").workloadType(WorkloadType.SERVICE)
                    .service("dns").remotePort(DNS_PORT).protocol("udp").build(), UdpProtocolHandler.withDefaults(),
                    relay));
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** @return the DNS server, queried directly for comparison */
    Dnsmasq dns() {
        return dns;
    }

    /** @return the udp forward to it through the relay */
    OursForward forward() {
        return forward;
    }

    DataPath dataPath() {
        return path;
    }

    ClusterRef cluster() {
        return cluster;
    }

    /** @return a forward of the emulator's namespace, local port 0; add the rest */
    ForwardConfig.Builder forwardConfig() {
        return base;
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> reversed = new ArrayList<>(opened);
        Collections.reverse(reversed);
        Exception first = null;
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
