package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.LabelSelector;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Keeps each selector service's Endpoints and EndpointSlice in step with its pods, as the endpoints
 * controllers do: ready pods under {@code addresses}, the others under {@code notReadyAddresses}.
 */
final class EndpointsController {
    private final ResourceStore store;

    EndpointsController(ResourceStore store) {
        this.store = store;
    }

    /** Recomputes every selector service of the namespace; unchanged objects produce no events. */
    void reconcile(String namespace) {
        List<ObjectNode> pods = store.list(ResourceKind.PODS, namespace, p -> true).items();
        for (ObjectNode service : store.list(ResourceKind.SERVICES, namespace, s -> true).items()) {
            Map<String, String> selector = KubeObjects.stringMap(service.path("spec").path("selector"));
            if (selector.isEmpty()) {
                continue;
            }
            Predicate<JsonNode> selected = LabelSelector.ofMatchLabels(selector);
            List<ObjectNode> members = pods.stream()
                    .filter(selected)
                    .filter(p -> "Running".equals(PodStatus.phase(p)) || "Pending".equals(PodStatus.phase(p)))
                    .toList();
            try {
                store.upsert(ResourceKind.ENDPOINTS, endpoints(service, members));
                store.upsert(ResourceKind.ENDPOINT_SLICES, slice(service, members));
            } catch (ApiException e) {
                throw new IllegalStateException("endpoints of " + KubeObjects.name(service), e);
            }
        }
    }

    /** Removes what {@link #reconcile} made for a deleted service. */
    void forget(ObjectNode service) {
        String ns = KubeObjects.namespace(service);
        deleteQuietly(ResourceKind.ENDPOINTS, ns, KubeObjects.name(service));
        deleteQuietly(ResourceKind.ENDPOINT_SLICES, ns, sliceName(service));
    }

    private void deleteQuietly(ResourceKind kind, String namespace, String name) {
        try {
            store.delete(kind, namespace, name);
        } catch (ApiException alreadyGone) {
            // nothing was derived for this service (no selector)
        }
    }

    private static ObjectNode endpoints(ObjectNode service, List<ObjectNode> members) {
        ObjectNode ep = KubeObjects.JSON.createObjectNode();
        ep.putObject("metadata").put("name", KubeObjects.name(service)).put("namespace",
                KubeObjects.namespace(service));
        if (members.isEmpty()) {
            return ep;
        }
        ObjectNode subset = ep.putArray("subsets").addObject();
        ArrayNode ready = KubeObjects.JSON.createArrayNode();
        ArrayNode notReady = KubeObjects.JSON.createArrayNode();
        for (ObjectNode pod : members) {
            ObjectNode address = (PodStatus.isReady(pod) ? ready : notReady).addObject();
            address.put("ip", pod.path("status").path("podIP").asText());
            address.put("nodeName", PodStatus.NODE);
            address.set("targetRef", targetRef(pod));
        }
        if (!ready.isEmpty()) {
            subset.set("addresses", ready);
        }
        if (!notReady.isEmpty()) {
            subset.set("notReadyAddresses", notReady);
        }
        subset.set("ports", ports(service, members.get(0)));
        return ep;
    }

    private static ObjectNode slice(ObjectNode service, List<ObjectNode> members) {
        ObjectNode slice = KubeObjects.JSON.createObjectNode();
        ObjectNode meta = slice.putObject("metadata").put("name", sliceName(service))
                .put("namespace", KubeObjects.namespace(service));
        meta.putObject("labels").put("kubernetes.io/service-name", KubeObjects.name(service))
                .put("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        slice.put("addressType", "IPv4");
        ArrayNode endpoints = slice.putArray("endpoints");
        for (ObjectNode pod : members) {
            boolean ready = PodStatus.isReady(pod);
            ObjectNode e = endpoints.addObject();
            e.putArray("addresses").add(pod.path("status").path("podIP").asText());
            e.putObject("conditions").put("ready", ready).put("serving", ready).put("terminating", false);
            e.put("nodeName", PodStatus.NODE);
            e.set("targetRef", targetRef(pod));
        }
        slice.set("ports", members.isEmpty() ? KubeObjects.JSON.createArrayNode() : ports(service, members.get(0)));
        return slice;
    }

    private static String sliceName(ObjectNode service) {
        return KubeObjects.name(service) + "-" + KubeObjects.uid(service).substring(0, 5);
    }

    private static ObjectNode targetRef(ObjectNode pod) {
        return KubeObjects.JSON.createObjectNode().put("kind", "Pod").put("namespace", KubeObjects.namespace(pod))
                .put("name", KubeObjects.name(pod)).put("uid", KubeObjects.uid(pod));
    }

    private static ArrayNode ports(ObjectNode service, ObjectNode pod) {
        ArrayNode ports = KubeObjects.JSON.createArrayNode();
        for (JsonNode sp : service.path("spec").path("ports")) {
            ObjectNode p = ports.addObject();
            if (sp.has("name")) {
                p.put("name", sp.get("name").asText());
            }
            p.put("port", targetPort(sp, pod));
            p.put("protocol", sp.path("protocol").asText("TCP"));
        }
        return ports;
    }

    /** A numeric targetPort as is; a named one through the pod's container ports. */
    static int targetPort(JsonNode servicePort, JsonNode pod) {
        JsonNode target = servicePort.path("targetPort");
        if (target.isInt()) {
            return target.asInt();
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode cp : c.path("ports")) {
                if (target.asText().equals(cp.path("name").asText())) {
                    return cp.path("containerPort").asInt();
                }
            }
        }
        return servicePort.path("port").asInt();
    }
}
