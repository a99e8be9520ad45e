package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets and Ingresses: stored as the API server stores them (a Secret's {@code stringData} folded into
 * base64 {@code data}; an Ingress must have rules or a default backend), with no controller behind them.
 */
public final class ConfigObjects {
    private final World world;

    ConfigObjects(World world) {
        this.world = world;
    }

    /** Validates and stores a Secret or an Ingress. */
    public ObjectNode create(ResourceKind kind, ObjectNode manifest) throws ApiException {
        ObjectNode object = manifest.deepCopy();
        String name = Validation.name(kind.kind(), object, true);
        if (kind == ResourceKind.SECRETS) {
            foldStringData(object);
        } else if (kind == ResourceKind.INGRESSES) {
            validateIngress(name, object);
        }
        synchronized (world) {
            String namespace = KubeObjects.namespace(object);
            if (world.store().get(ResourceKind.NAMESPACES, "", namespace).isEmpty()) {
                throw ApiException.notFound("namespaces", namespace);
            }
            return world.store().create(kind, object);
        }
    }

    /**
     * @return the decoded value of a key of a Secret, empty when there is no such Secret or key
     */
    public Optional<String> secretValue(String namespace, String secret, String key) {
        return world.store().get(ResourceKind.SECRETS, namespace, secret)
                .map(s -> s.path("data").path(key))
                .filter(JsonNode::isTextual)
                .map(v -> new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8));
    }

    private static void foldStringData(ObjectNode secret) {
        JsonNode plain = secret.remove("stringData");
        if (plain == null || !plain.isObject()) {
            return;
        }
        ObjectNode data = secret.withObjectProperty("data");
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) plain::fields) {
            data.put(field.getKey(), Base64.getEncoder().encodeToString(
                    field.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        if (!secret.has("type")) {
            secret.put("type", "Opaque");
        }
    }

    private static void validateIngress(String name, ObjectNode ingress) throws ApiException {
        JsonNode spec = ingress.path("spec");
        JsonNode rules = spec.path("rules");
        if (!spec.has("defaultBackend") && (!rules.isArray() || rules.isEmpty())) {
            throw ApiException.invalid("Ingress", name, "spec", "Invalid value: either `defaultBackend` or `rules`"
                    + " must be specified");
        }
        for (int i = 0; i < rules.size(); i++) {
            for (JsonNode path : rules.get(i).path("http").path("paths")) {
                JsonNode service = path.path("backend").path("service");
                if (service.path("name").asText("").isEmpty()) {
                    throw ApiException.invalid("Ingress", name, "spec.rules[" + i + "].http.paths.backend.service.name",
                            "Required value");
                }
            }
        }
    }
}
