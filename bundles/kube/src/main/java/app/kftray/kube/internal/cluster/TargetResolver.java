package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Resolves a service or pod workload to a ready pod and a container port, with the
 * rules kubectl port-forward uses (service port → targetPort, named ports via the
 * pod's container ports). Pods come from the namespace's shared watch when a forward already
 * follows a pod there, from the API server otherwise.
 */
final class TargetResolver {
    private final ClusterClients clusters;
    private final NamespacePodWatches watches;

    /**
     * @param clusters the bundle's client cache
     * @param watches  the namespaces' pod watches, whose pods are chosen from when they know them
     */
    TargetResolver(ClusterClients clusters, NamespacePodWatches watches) {
        this.clusters = clusters;
        this.watches = watches;
    }

    ResolvedTarget resolve(ForwardConfig config) {
        ClusterRef ref = ClusterRef.of(config);
        String ns = config.namespace();
        return switch (config.workloadType()) {
            case SERVICE -> viaService(ref, ns, config);
            case POD -> viaSelector(ref, ns, config);
            default -> throw new KubeException(Reason.INVALID, "forward '" + config.displayName() + "' is a "
                    + config.workloadType().jsonName() + " workload; only service and pod workloads resolve to a pod", null);
        };
    }

    private ResolvedTarget viaService(ClusterRef ref, String ns, ForwardConfig config) {
        String name = config.service();
        Service service = clusters.call(ref, "get service " + ns + "/" + name,
                client -> client.services().inNamespace(ns).withName(name).get());
        if (service == null) {
            throw new KubeException(Reason.NOT_FOUND, "service '" + name + "' not found in namespace '" + ns + "'", null);
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            throw new KubeException(Reason.INVALID, "service '" + name + "' has no selector, so it has no pods to forward to", null);
        }
        ServicePort port = servicePort(service, config.remotePort());
        PodSummary pod = readyPod(ref, ns, new LabelSelector(selector, Map.of()), "service '" + name + "'");
        int target = targetPort(port, pod, name);
        return new ResolvedTarget(ref(ref, ns, pod), target);
    }

    private ResolvedTarget viaSelector(ClusterRef ref, String ns, ForwardConfig config) {
        LabelSelector selector = LabelSelector.parse(config.target());
        PodSummary pod = readyPod(ref, ns, selector, "selector '" + config.target() + "'");
        OptionalInt number = config.remotePortNumber();
        int port = number.isPresent() ? number.getAsInt() : containerPort(pod, config.remotePort());
        return new ResolvedTarget(ref(ref, ns, pod), port);
    }

    private static ServicePort servicePort(Service service, String remotePort) {
        List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        for (ServicePort port : ports) {
            boolean matches = remotePort.equals(String.valueOf(port.getPort())) || remotePort.equals(port.getName());
            if (matches) {
                if ("UDP".equalsIgnoreCase(port.getProtocol())) {
                    throw new KubeException(Reason.INVALID, "port " + remotePort + " of service '"
                            + service.getMetadata().getName() + "' is UDP; use protocol udp", null);
                }
                return port;
            }
        }
        throw new KubeException(Reason.NOT_FOUND, "service '" + service.getMetadata().getName()
                + "' does not have a port " + remotePort + "; it has " + ports.stream()
                .map(p -> p.getName() == null ? String.valueOf(p.getPort()) : p.getPort() + " (" + p.getName() + ")")
                .collect(Collectors.joining(", ")), null);
    }

    private static int targetPort(ServicePort port, PodSummary pod, String service) {
        IntOrString target = port.getTargetPort();
        if (target == null) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == 0 ? port.getPort() : target.getIntVal();
        }
        return containerPort(pod, target.getStrVal());
    }

    private static int containerPort(PodSummary pod, String name) {
        Integer port = pod.namedPorts().get(name);
        if (port == null) {
            throw new KubeException(Reason.NOT_FOUND, "pod '" + pod.name() + "' has no container port named '" + name
                    + "'", null);
        }
        return port;
    }

    private PodSummary readyPod(ClusterRef ref, String ns, LabelSelector selector, String what) {
        List<PodSummary> pods = watches.pods(ref, ns)
                .map(known -> known.stream().filter(pod -> selector.matches(pod.labels())).toList())
                .orElseGet(() -> listPods(ref, ns, selector, what));
        return pods.stream()
                .filter(PodSummary::ready)
                .min(PodSummary.PREFERRED)
                .orElseThrow(() -> new KubeException(Reason.NOT_READY, pods.isEmpty()
                        ? "no pod matches " + what + " in namespace '" + ns + "'"
                        : "none of the " + pods.size() + " pods of " + what + " in namespace '" + ns + "' is ready", null));
    }

    private List<PodSummary> listPods(ClusterRef ref, String ns, LabelSelector selector, String what) {
        List<PodView> pods = clusters.call(ref, "list pods of " + what + " in namespace " + ns,
                client -> PodView.list(client, ns, selector));
        return pods.stream().map(PodSummary::of).toList();
    }

    private static PodRef ref(ClusterRef cluster, String ns, PodSummary pod) {
        return new PodRef(cluster, ns, pod.name(), pod.uid());
    }
}
