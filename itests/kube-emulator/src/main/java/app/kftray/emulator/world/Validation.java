package app.kftray.emulator.world;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The admission checks and defaults of the real API server for the fields this emulator understands,
 * answering with the same 422 Invalid messages.
 */
final class Validation {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private Validation() {
    }

    /** Resolves generateName and checks metadata.name the way the real server does for {@code kind}. */
    static String name(String kind, ObjectNode object, boolean labelOnly) throws ApiException {
        ObjectNode meta = KubeObjects.metadata(object);
        String name = meta.path("name").asText("");
        String generate = meta.path("generateName").asText("");
        if (name.isEmpty() && !generate.isEmpty()) {
            name = generate + randomSuffix();
            meta.put("name", name);
        }
        if (name.isEmpty()) {
            throw ApiException.invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        Pattern pattern = labelOnly ? DNS_LABEL : DNS_SUBDOMAIN;
        if (name.length() > (labelOnly ? 63 : 253) || !pattern.matcher(name).matches()) {
            throw ApiException.invalid(kind, name, "metadata.name", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 " + (labelOnly ? "label" : "subdomain")
                    + " must consist of lower case alphanumeric characters, '-' or '.', and must start and end"
                    + " with an alphanumeric character");
        }
        return name;
    }

    /** The random 5-character suffix of generated names. */
    static String randomSuffix() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append(SUFFIX_CHARS.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_CHARS.length())));
        }
        return b.toString();
    }

    static void pod(String name, ObjectNode pod) throws ApiException {
        JsonNode containers = pod.path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            throw ApiException.invalid("Pod", name, "spec.containers", "Required value");
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String at = "spec.containers[" + i + "]";
            if (c.path("name").asText("").isEmpty()) {
                throw ApiException.invalid("Pod", name, at + ".name", "Required value");
            }
            if (c.path("image").asText("").isEmpty()) {
                throw ApiException.invalid("Pod", name, at + ".image", "Required value");
            }
            JsonNode ports = c.path("ports");
            for (int j = 0; j < ports.size(); j++) {
                ObjectNode p = (ObjectNode) ports.get(j);
                portNumber("Pod", name, at + ".ports[" + j + "].containerPort", p.path("containerPort"));
                if (!p.has("protocol")) {
                    p.put("protocol", "TCP");
                }
            }
        }
    }

    static void service(String name, ObjectNode service) throws ApiException {
        ObjectNode spec = service.withObjectProperty("spec");
        JsonNode ports = spec.path("ports");
        String type = spec.path("type").asText("ClusterIP");
        spec.put("type", type);
        if (!type.equals("ClusterIP") && !type.equals("NodePort") && !type.equals("LoadBalancer")
                && !type.equals("ExternalName")) {
            throw ApiException.invalid("Service", name, "spec.type", "Unsupported value: \"" + type + "\"");
        }
        if (!type.equals("ExternalName") && (!ports.isArray() || ports.isEmpty())) {
            throw ApiException.invalid("Service", name, "spec.ports", "Required value");
        }
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = (ObjectNode) ports.get(i);
            int port = portNumber("Service", name, "spec.ports[" + i + "].port", p.path("port"));
            if (!p.has("protocol")) {
                p.put("protocol", "TCP");
            }
            if (!p.has("targetPort")) {
                p.put("targetPort", port);
            }
        }
        if (!spec.has("sessionAffinity")) {
            spec.put("sessionAffinity", "None");
        }
    }

    private static int portNumber(String kind, String name, String field, JsonNode value) throws ApiException {
        int port = value.asInt(0);
        if (!value.isInt() || port < 1 || port > 65535) {
            throw ApiException.invalid(kind, name, field,
                    "Invalid value: " + value + ": must be between 1 and 65535, inclusive");
        }
        return port;
    }
}
