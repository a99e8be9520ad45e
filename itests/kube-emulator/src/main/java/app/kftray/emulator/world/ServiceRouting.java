package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Routes a Service port to a pod's backend, as kube-proxy routes a pod's connection to a ClusterIP: the
 * Service's selector picks the ready pods, its {@code targetPort} (number or container port name) the port.
 */
public final class ServiceRouting {
    private ServiceRouting() {
    }

    /**
     * @param world     the cluster
     * @param namespace the Service's namespace
     * @param service   its name
     * @param port      the Service port
     * @return the backend of the first ready pod that has one for the target port
     * @throws IllegalArgumentException naming what is missing
     */
    public static InetSocketAddress route(World world, String namespace, String service, int port) {
        ObjectNode svc = world.store().get(ResourceKind.SERVICES, namespace, service)
                .orElseThrow(() -> new IllegalArgumentException("no service " + namespace + "/" + service));
        JsonNode servicePort = null;
        for (JsonNode p : svc.path("spec").path("ports")) {
            if (p.path("port").asInt() == port) {
                servicePort = p;
            }
        }
        if (servicePort == null) {
            throw new IllegalArgumentException("service " + namespace + "/" + service + " has no port " + port);
        }
        JsonNode target = servicePort.path("targetPort");
        JsonNode selector = svc.path("spec").path("selector");
        for (ObjectNode pod : world.store().list(ResourceKind.PODS, namespace, p -> matches(p, selector)).items()) {
            if (!PodStatus.isReady(pod)) {
                continue;
            }
            int containerPort = target.isMissingNode() ? port : containerPort(pod, target);
            try {
                var backend = world.forwardTarget(namespace, KubeObjects.name(pod)).backend(containerPort);
                if (backend.isPresent()) {
                    return backend.get();
                }
            } catch (ApiException gone) {
                // deleted meanwhile
            }
        }
        throw new IllegalArgumentException("service " + namespace + "/" + service + " port " + port
                + " has no ready pod with a backend");
    }

    private static boolean matches(JsonNode pod, JsonNode selector) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        JsonNode labels = pod.path("metadata").path("labels");
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
            if (!field.getValue().equals(labels.path(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int containerPort(JsonNode pod, JsonNode target) {
        if (target.isInt() || target.asText().chars().allMatch(Character::isDigit)) {
            return target.asInt();
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (target.asText().equals(p.path("name").asText())) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return -1;
    }
}
