package app.kftray.storage.internal;

import app.kftray.api.model.ExposeOptions;
import app.kftray.api.model.ExposeOptions.Exposure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * kftray's expose fields, kept verbatim among a definition's kftray extras: checked on import and
 * read into {@link ExposeOptions} for the relay deployment. {@code ingress_annotations} is, as kftray
 * writes it, a string holding a JSON object of string values.
 */
final class ExposeFields {
    static final String EXPOSURE_TYPE = "exposure_type";
    static final String CERT_MANAGER_ENABLED = "cert_manager_enabled";
    static final String CERT_ISSUER = "cert_issuer";
    static final String CERT_ISSUER_KIND = "cert_issuer_kind";
    static final String INGRESS_CLASS = "ingress_class";
    static final String INGRESS_ANNOTATIONS = "ingress_annotations";

    private ExposeFields() {
    }

    /** Reports every unusable expose field of an imported entry. */
    static void check(JsonEntryReader in, ObjectMapper mapper) {
        String exposure = in.text(EXPOSURE_TYPE);
        if (exposure != null && Exposure.parse(exposure).isEmpty()) {
            in.error(EXPOSURE_TYPE, "'" + exposure + "' is not an exposure type; use cluster (or internal) or public");
        }
        in.flag(CERT_MANAGER_ENABLED, false);
        in.text(CERT_ISSUER);
        in.text(INGRESS_CLASS);
        String kind = in.text(CERT_ISSUER_KIND);
        if (kind != null && !kind.equals(ExposeOptions.ISSUER) && !kind.equals(ExposeOptions.CLUSTER_ISSUER)) {
            in.error(CERT_ISSUER_KIND, "'" + kind + "' is not an issuer kind; use Issuer or ClusterIssuer");
        }
        String annotations = in.text(INGRESS_ANNOTATIONS);
        if (annotations != null) {
            try {
                annotations(annotations, mapper);
            } catch (IllegalArgumentException e) {
                in.error(INGRESS_ANNOTATIONS, e.getMessage());
            }
        }
    }

    /**
     * @param extra  a stored definition's kftray extras, already checked on import
     * @param mapper to read the annotations
     * @return the expose options they hold (defaults for what is missing)
     */
    static ExposeOptions read(ObjectNode extra, ObjectMapper mapper) {
        String annotations = text(extra, INGRESS_ANNOTATIONS);
        return new ExposeOptions(Exposure.parse(text(extra, EXPOSURE_TYPE)).orElse(Exposure.CLUSTER),
                text(extra, INGRESS_CLASS), annotations == null ? Map.of() : annotations(annotations, mapper),
                "true".equalsIgnoreCase(text(extra, CERT_MANAGER_ENABLED)), text(extra, CERT_ISSUER),
                text(extra, CERT_ISSUER_KIND));
    }

    private static Map<String, String> annotations(String json, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("expected a JSON object of annotations such as"
                    + " {\"nginx.ingress.kubernetes.io/ssl-redirect\":\"true\"}: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of annotations, got " + json);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("annotation '" + field.getKey() + "' must have a string value");
            }
            annotations.put(field.getKey(), field.getValue().textValue());
        });
        return annotations;
    }

    private static String text(ObjectNode extra, String field) {
        JsonNode value = extra.get(field);
        return value == null || value.isNull() ? null : value.asText().trim();
    }
}
