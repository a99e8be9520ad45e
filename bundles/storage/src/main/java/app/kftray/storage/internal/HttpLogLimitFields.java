package app.kftray.storage.internal;

import static app.kftray.storage.internal.KftrayFields.DEFAULT_HTTP_LOGS_MAX_FILE_SIZE;
import static app.kftray.storage.internal.KftrayFields.DEFAULT_HTTP_LOGS_RETENTION_DAYS;
import static app.kftray.storage.internal.KftrayFields.HTTP_LOGS_AUTO_CLEANUP;
import static app.kftray.storage.internal.KftrayFields.HTTP_LOGS_MAX_FILE_SIZE;
import static app.kftray.storage.internal.KftrayFields.HTTP_LOGS_RETENTION_DAYS;

import app.kftray.api.model.HttpLogLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * kftray's per-forward HTTP log fields, kept among a definition's kftray extras (checked on import).
 * kftray writes its default values into every definition, so a default value counts as not set.
 */
final class HttpLogLimitFields {
    private HttpLogLimitFields() {
    }

    /**
     * @param extra a stored definition's kftray extras
     * @return the limits it sets, empty when it sets none
     */
    static Optional<HttpLogLimits> read(ObjectNode extra) {
        Long maxFileBytes = own(extra, HTTP_LOGS_MAX_FILE_SIZE).map(JsonNode::asLong).orElse(null);
        Integer retentionDays = own(extra, HTTP_LOGS_RETENTION_DAYS).map(JsonNode::asInt).orElse(null);
        boolean autoCleanup = own(extra, HTTP_LOGS_AUTO_CLEANUP).isEmpty();
        HttpLogLimits limits = new HttpLogLimits(maxFileBytes, retentionDays, autoCleanup);
        return limits.equals(HttpLogLimits.NONE) ? Optional.empty() : Optional.of(limits);
    }

    /**
     * @param field a kftray field name
     * @param value its value
     * @return whether it is an HTTP log field holding kftray's default
     */
    static boolean isDefault(String field, JsonNode value) {
        return switch (field) {
            case HTTP_LOGS_MAX_FILE_SIZE -> value.asLong() == DEFAULT_HTTP_LOGS_MAX_FILE_SIZE;
            case HTTP_LOGS_RETENTION_DAYS -> value.asLong() == DEFAULT_HTTP_LOGS_RETENTION_DAYS;
            case HTTP_LOGS_AUTO_CLEANUP -> value.asText().equalsIgnoreCase("true");
            default -> false;
        };
    }

    private static Optional<JsonNode> own(ObjectNode extra, String field) {
        JsonNode value = extra.get(field);
        return value == null || value.isNull() || isDefault(field, value) ? Optional.empty() : Optional.of(value);
    }
}
