package app.kftray.storage.internal;

import static app.kftray.storage.internal.KftrayFields.*;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes definitions as kftray's {@code configs.json} does on export: no ids, no default
 * values (127.0.0.1, the default kubeconfig, false domain flags, http_logs_* settings of
 * disabled or default logging) and no fields the workload type does not use.
 */
final class KftrayJsonWriter {
    private final ObjectMapper mapper;

    KftrayJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return the definitions as a JSON array */
    ArrayNode write(List<StoredConfig> configs) {
        ArrayNode array = mapper.createArrayNode();
        configs.forEach(stored -> array.add(write(stored)));
        return array;
    }

    /** @return one definition as a JSON object */
    ObjectNode write(StoredConfig stored) {
        ForwardConfig c = stored.config();
        ObjectNode out = mapper.createObjectNode();
        putText(out, ALIAS, c.alias());
        putText(out, CONTEXT, c.context());
        putText(out, KUBECONFIG, c.kubeconfig());
        out.put(NAMESPACE, c.namespace());
        out.put(WORKLOAD_TYPE, c.workloadType().jsonName());
        putText(out, SERVICE, c.workloadType() == WorkloadType.SERVICE ? c.service() : null);
        putText(out, TARGET, c.workloadType() == WorkloadType.POD ? c.target() : null);
        putText(out, REMOTE_ADDRESS, c.workloadType() == WorkloadType.PROXY ? c.remoteAddress() : null);
        out.put(PROTOCOL, c.protocol());
        putText(out, LOCAL_ADDRESS, ForwardConfig.DEFAULT_LOCAL_ADDRESS.equals(c.localAddress()) ? null : c.localAddress());
        if (c.localPort() > 0) {
            out.put(LOCAL_PORT, c.localPort());
        }
        putRemotePort(out, c);
        out.put(AUTO_LOOPBACK_ADDRESS, c.autoLoopbackAddress());
        if (c.domainEnabled()) {
            out.put(DOMAIN_ENABLED, true);
        }
        if (c.autoStart()) {
            out.put(AUTO_START, true);
        }
        putText(out, GROUP, c.group());
        putExtras(out, c.httpLogsEnabled(), stored.kftrayExtra());
        return out;
    }

    private static void putRemotePort(ObjectNode out, ForwardConfig c) {
        if (c.remotePortNumber().isPresent()) {
            out.put(REMOTE_PORT, c.remotePortNumber().getAsInt());
        } else {
            putText(out, REMOTE_PORT, c.remotePort()); // a named port
        }
    }

    private static void putExtras(ObjectNode out, boolean httpLogsEnabled, ObjectNode extra) {
        if (httpLogsEnabled) {
            out.put(HTTP_LOGS_ENABLED, true);
        }
        extra.fields().forEachRemaining(field -> {
            if (!isHttpLogsSetting(field.getKey()) || httpLogsEnabled && !HttpLogLimitFields.isDefault(field.getKey(), field.getValue())) {
                out.set(field.getKey(), field.getValue());
            }
        });
    }

    private static boolean isHttpLogsSetting(String field) {
        return field.startsWith("http_logs_");
    }

    private static boolean isDefault(String field, JsonNode value) {
        return switch (field) {
            case HTTP_LOGS_MAX_FILE_SIZE -> value.asLong() == DEFAULT_HTTP_LOGS_MAX_FILE_SIZE;
            case HTTP_LOGS_RETENTION_DAYS -> value.asLong() == DEFAULT_HTTP_LOGS_RETENTION_DAYS;
            case HTTP_LOGS_AUTO_CLEANUP -> value.asText().equalsIgnoreCase("true");
            default -> false;
        };
    }

    private static void putText(ObjectNode out, String field, String value) {
        if (value != null && !value.isBlank()) {
            out.put(field, value);
        }
    }
}
