package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Deployments and the controller a cluster runs for them, in one: a stored Deployment keeps as many pods of
 * its template as it asks for (one or more), replacing a pod that is deleted, and its pods go when it goes.
 * Pods are created through {@link World#createPod}, so creation hooks (such as the relay pods) see them.
 */
public final class Deployments {
    private final World world;
    private final ScheduledExecutorService timer;
    /** pod uid → namespace/deployment that owns it. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    Deployments(World world, ScheduledExecutorService timer) {
        this.world = world;
        this.timer = timer;
        world.onPodGone(this::podGone);
    }

    /** Validates and stores a Deployment, then starts its pods. */
    public ObjectNode create(ObjectNode manifest) throws ApiException {
        ObjectNode deployment = manifest.deepCopy();
        String name = Validation.name("Deployment", deployment, true);
        JsonNode template = deployment.path("spec").path("template");
        JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
        if (!selector.isObject() || selector.isEmpty()) {
            throw ApiException.invalid("Deployment", name, "spec.selector", "Required value");
        }
        JsonNode labels = template.path("metadata").path("labels");
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
            if (!field.getValue().equals(labels.path(field.getKey()))) {
                throw ApiException.invalid("Deployment", name, "spec.template.metadata.labels",
                        "Invalid value: `selector` does not match template `labels`");
            }
        }
        ObjectNode probe = KubeObjects.JSON.createObjectNode();
        probe.set("spec", template.path("spec").deepCopy());
        Validation.pod(name, probe);
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        ((ObjectNode) deployment.path("spec")).put("replicas", replicas);
        deployment.putObject("status").put("replicas", replicas);
        ObjectNode stored;
        synchronized (world) {
            requireNamespace(deployment);
            stored = world.store().create(ResourceKind.DEPLOYMENTS, deployment);
        }
        for (int i = 0; i < replicas; i++) {
            startPod(KubeObjects.namespace(stored), name);
        }
        return stored;
    }

    /** Deletes the Deployment and its pods. */
    public ObjectNode delete(String namespace, String name) throws ApiException {
        ObjectNode deployment = world.store().delete(ResourceKind.DEPLOYMENTS, namespace, name);
        String key = namespace + "/" + name;
        owners.forEach((uid, owner) -> {
            if (owner.equals(key)) {
                owners.remove(uid);
            }
        });
        for (ObjectNode pod : world.store().list(ResourceKind.PODS, namespace, p -> ownedBy(p, name)).items()) {
            try {
                world.deletePod(namespace, KubeObjects.name(pod));
            } catch (ApiException gone) {
                // deleted meanwhile
            }
        }
        return deployment;
    }

    private void startPod(String namespace, String deploymentName) throws ApiException {
        ObjectNode deployment = world.store().get(ResourceKind.DEPLOYMENTS, namespace, deploymentName)
                .orElseThrow(() -> ApiException.notFound("deployments", deploymentName));
        JsonNode template = deployment.path("spec").path("template");
        ObjectNode pod = KubeObjects.JSON.createObjectNode();
        ObjectNode meta = pod.putObject("metadata").put("namespace", namespace)
                .put("generateName", deploymentName + "-" + Integer.toHexString(template.hashCode() & 0xfffffff) + "-");
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        if (template.path("metadata").has("annotations")) {
            meta.set("annotations", template.path("metadata").path("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", "Deployment")
                .put("name", deploymentName).put("uid", KubeObjects.uid(deployment)).put("controller", true);
        pod.set("spec", template.path("spec").deepCopy());
        ObjectNode created = world.createPod(pod);
        owners.put(KubeObjects.uid(created), namespace + "/" + deploymentName);
    }

    /** A pod of a Deployment that still exists is replaced, as its ReplicaSet would. */
    private void podGone(String uid) {
        String owner = owners.remove(uid);
        if (owner == null) {
            return;
        }
        String[] parts = owner.split("/", 2);
        timer.execute(() -> {
            try {
                startPod(parts[0], parts[1]);
            } catch (ApiException deploymentGone) {
                // deleted meanwhile: nothing to replace
            }
        });
    }

    private static boolean ownedBy(JsonNode pod, String deploymentName) {
        for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
            if ("Deployment".equals(ref.path("kind").asText()) && deploymentName.equals(ref.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private void requireNamespace(ObjectNode object) throws ApiException {
        String namespace = KubeObjects.namespace(object);
        if (world.store().get(ResourceKind.NAMESPACES, "", namespace).isEmpty()) {
            throw ApiException.notFound("namespaces", namespace);
        }
    }
}
