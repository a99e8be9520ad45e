package app.kftray.emulator.http;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import app.kftray.emulator.store.ResourceStore;
import app.kftray.emulator.world.World;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** get, list, create and delete of the served resources, as JSON trees. */
final class ResourceApi {
    private final World world;

    ResourceApi(World world) {
        this.world = world;
    }

    ObjectNode get(ResourcePath path) throws ApiException {
        String namespace = path.namespace() == null ? "" : path.namespace();
        return world.store().get(path.kind(), namespace, path.name())
                .orElseThrow(() -> ApiException.notFound(path.kind().plural(), path.name()));
    }

    ResourceStore.ListResult list(ResourcePath path, Predicate<? super ObjectNode> filter) {
        return world.store().list(path.kind(), path.namespace(), filter);
    }

    static ObjectNode listDocument(ResourceKind kind, ResourceStore.ListResult result) {
        ObjectNode list = KubeObjects.JSON.createObjectNode().put("kind", kind.listKind())
                .put("apiVersion", kind.apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(result.resourceVersion()));
        ArrayNode items = list.putArray("items");
        result.items().forEach(items::add);
        return list;
    }

    ObjectNode create(ResourcePath path, byte[] body) throws ApiException {
        ResourceKind kind = path.kind();
        if (!kind.writable()) {
            throw ApiException.methodNotAllowed("POST");
        }
        ObjectNode object = parse(kind, body);
        if (kind.namespaced()) {
            String declared = KubeObjects.namespace(object);
            if (!declared.isEmpty() && !declared.equals(path.namespace())) {
                throw ApiException.badRequest(
                        "the namespace of the provided object does not match the namespace sent on the request");
            }
            KubeObjects.metadata(object).put("namespace", path.namespace());
        }
        return world.create(kind, object);
    }

    ObjectNode delete(ResourcePath path) throws ApiException {
        return switch (path.kind()) {
            case NAMESPACES -> world.deleteNamespace(path.name());
            case PODS -> world.deletePod(path.namespace(), path.name());
            case SERVICES -> world.deleteService(path.namespace(), path.name());
            case DEPLOYMENTS -> world.deployments().delete(path.namespace(), path.name());
            case SECRETS, INGRESSES -> world.store().delete(path.kind(), path.namespace(), path.name());
            default -> throw ApiException.methodNotAllowed("DELETE");
        };
    }

    /** Decodes a request body; the messages are the real server's for undecodable or mistyped objects. */
    private static ObjectNode parse(ResourceKind kind, byte[] body) throws ApiException {
        JsonNode node;
        try {
            node = KubeObjects.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type " + kind.kind()
                    + "): couldn't get version/kind; json parse error: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type " + kind.kind()
                    + "): couldn't get version/kind; json parse error: expected a JSON object");
        }
        String declaredKind = node.path("kind").asText("");
        if (!declaredKind.isEmpty() && !declaredKind.equals(kind.kind())) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type " + kind.kind()
                    + "): " + declaredKind);
        }
        if (node.has("metadata") && !node.get("metadata").isObject()) {
            throw ApiException.badRequest("the object provided is unrecognized (must be of type " + kind.kind()
                    + "): metadata must be an object");
        }
        return (ObjectNode) node;
    }
}
