package app.kftray.protocol.socks5.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.PodInfo;
import app.kftray.api.KubeAccess.ServiceInfo;
import app.kftray.api.KubeAccess.ServicePort;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ResolvedTarget;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolves a CONNECT destination inside one namespace the way kubectl port-forward does:
 * a service port leads to its target port on a ready pod of the service; a pod name leads
 * to that pod and the requested port. Blocks on the API server: call it off the event loop.
 */
final class ClusterDestinations {
    private static final Comparator<PodInfo> BY_NAME = Comparator.comparing(p -> p.ref().name());

    private final KubeAccess kube;
    private final ClusterRef cluster;
    private final String namespace;

    ClusterDestinations(KubeAccess kube, ClusterRef cluster, String namespace) {
        this.kube = kube;
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /**
     * @param host requested host
     * @param port requested port
     * @return the pod and container port to open
     * @throws Refusal naming the SOCKS reply and the reason
     */
    ResolvedTarget resolve(String host, int port) {
        DestinationName destination = DestinationName.parse(host, namespace);
        Optional<ServiceInfo> service = kube.services(cluster, namespace).stream()
                .filter(s -> s.name().equals(destination.name())).findFirst();
        if (service.isPresent()) {
            return viaService(service.get(), port);
        }
        if (destination.serviceOnly()) {
            throw new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, "there is no service '" + destination.name()
                    + "' in namespace '" + namespace + "'");
        }
        PodInfo pod = kube.pods(cluster, namespace, null).stream()
                .filter(p -> p.ref().name().equals(destination.name())).findFirst()
                .orElseThrow(() -> new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, "there is no service or pod '"
                        + destination.name() + "' in namespace '" + namespace + "'"));
        if (!pod.ready()) {
            throw new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, "pod '" + pod.ref().name() + "' is not ready");
        }
        return new ResolvedTarget(pod.ref(), port);
    }

    private ResolvedTarget viaService(ServiceInfo service, int port) {
        ServicePort servicePort = service.ports().stream()
                .filter(p -> p.port() == port && (p.protocol() == null || "TCP".equalsIgnoreCase(p.protocol())))
                .findFirst()
                .orElseThrow(() -> new Refusal(Socks5CommandStatus.CONNECTION_REFUSED, "service '" + service.name()
                        + "' has no TCP port " + port + "; it has " + portList(service.ports())));
        if (service.selector().isEmpty()) {
            throw new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, "service '" + service.name()
                    + "' has no selector, so it has no pods to connect to");
        }
        String selector = new TreeMap<>(service.selector()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        PodInfo pod = kube.pods(cluster, namespace, selector).stream()
                .filter(PodInfo::ready).min(BY_NAME)
                .orElseThrow(() -> new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, "no pod of service '"
                        + service.name() + "' is ready"));
        return new ResolvedTarget(pod.ref(), targetPort(servicePort, pod, service.name()));
    }

    private static int targetPort(ServicePort servicePort, PodInfo pod, String service) {
        String target = servicePort.targetPort();
        if (target == null || target.isBlank() || "0".equals(target.trim())) {
            return servicePort.port();
        }
        if (target.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(target);
        }
        Integer named = pod.ports().get(target);
        if (named == null) {
            throw new Refusal(Socks5CommandStatus.CONNECTION_REFUSED, "port " + servicePort.port() + " of service '"
                    + service + "' targets the named port '" + target + "', which pod '" + pod.ref().name()
                    + "' does not have");
        }
        return named;
    }

    private static String portList(List<ServicePort> ports) {
        return ports.isEmpty() ? "no ports" : ports.stream()
                .map(p -> p.port() + "/" + (p.protocol() == null ? "TCP" : p.protocol()))
                .collect(Collectors.joining(", "));
    }
}
