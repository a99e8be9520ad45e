package app.kftray.emulator.world;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.ServicePort;
import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Builds the manifests (no status, no server-set fields) of the objects a test declares in Java. */
final class Manifests {
    private Manifests() {
    }

    static ObjectNode namespace(String name) {
        ObjectNode ns = KubeObjects.JSON.createObjectNode();
        ns.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/metadata.name", name);
        return ns;
    }

    static ObjectNode pod(String namespace, String name, Map<String, String> labels, List<ContainerPort> ports) {
        ObjectNode pod = KubeObjects.JSON.createObjectNode();
        ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", namespace);
        meta.set("labels", KubeObjects.toObject(labels));
        ObjectNode container = pod.putObject("spec").putArray("containers").addObject();
        container.put("name", "main").put("image", "emulator/backend:latest");
        ArrayNode portsNode = container.putArray("ports");
        for (ContainerPort p : ports) {
            ObjectNode port = portsNode.addObject();
            if (p.name() != null) {
                port.put("name", p.name());
            }
            port.put("containerPort", p.containerPort()).put("protocol", p.protocol());
        }
        return pod;
    }

    static ObjectNode service(String namespace, String name, Map<String, String> selector, List<ServicePort> ports) {
        ObjectNode svc = KubeObjects.JSON.createObjectNode();
        svc.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode spec = svc.putObject("spec");
        spec.set("selector", KubeObjects.toObject(selector));
        ArrayNode portsNode = spec.putArray("ports");
        for (ServicePort p : ports) {
            ObjectNode port = portsNode.addObject();
            if (p.name() != null) {
                port.put("name", p.name());
            }
            port.put("port", p.port()).put("protocol", p.protocol());
            if (p.targetPort() instanceof Integer n) {
                port.put("targetPort", n);
            } else {
                port.put("targetPort", (String) p.targetPort());
            }
        }
        return svc;
    }
}
