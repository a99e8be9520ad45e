package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Resolves a service or pod workload to a ready pod and a container port, with the
 * rules kubectl port-forward uses (service port → targetPort, named ports via the
 * pod's container ports).
 */
final class TargetResolver {
    private final ClusterClients clusters;

    TargetResolver(ClusterClients clusters) {
        this.clusters = clusters;
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
        Pod pod = readyPod(ref, ns, new LabelSelector(selector, Map.of()), "service '" + name + "'");
        int target = targetPort(port, pod, name);
        return new ResolvedTarget(ref(ref, ns, pod), target);
    }

    private ResolvedTarget viaSelector(ClusterRef ref, String ns, ForwardConfig config) {
        LabelSelector selector = LabelSelector.parse(config.target());
        Pod pod = readyPod(ref, ns, selector, "selector '" + config.target() + "'");
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

    private static int targetPort(ServicePort port, Pod pod, String service) {
        IntOrString target = port.getTargetPort();
        if (target == null) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == 0 ? port.getPort() : target.getIntVal();
        }
        return containerPort(pod, target.getStrVal());
    }

    private static int containerPort(Pod pod, String name) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> name.equals(p.getName()))
                .mapToInt(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new KubeException(Reason.NOT_FOUND, "pod '" + pod.getMetadata().getName()
                        + "' has no container port named '" + name + "'", null));
    }

    private Pod readyPod(ClusterRef ref, String ns, LabelSelector selector, String what) {
        List<Pod> pods = clusters.call(ref, "list pods of " + what + " in namespace " + ns,
                client -> client.pods().inNamespace(ns).withLabels(selector.equal()).withoutLabels(selector.notEqual())
                        .list().getItems());
        return pods.stream()
                .filter(PodReadiness::isReady)
                .min(PodReadiness.PREFERRED)
                .orElseThrow(() -> new KubeException(Reason.NOT_READY, pods.isEmpty()
                        ? "no pod matches " + what + " in namespace '" + ns + "'"
                        : "none of the " + pods.size() + " pods of " + what + " in namespace '" + ns + "' is ready", null));
    }

    private static PodRef ref(ClusterRef cluster, String ns, Pod pod) {
        return new PodRef(cluster, ns, pod.getMetadata().getName(), pod.getMetadata().getUid());
    }
}
