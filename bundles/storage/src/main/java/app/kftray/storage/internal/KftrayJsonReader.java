package app.kftray.storage.internal;

import static app.kftray.storage.internal.KftrayFields.*;

import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads kftray's {@code configs.json} (an array of definitions, or one object) into
 * definitions, noting every value of the wrong type in every entry.
 */
final class KftrayJsonReader {
    private final ObjectMapper mapper;

    /**
     * @param entries  the entries, in file order
     * @param warnings notes such as ignored unknown fields
     */
    record Parsed(List<Entry> entries, List<String> warnings) {
    }

    /**
     * One entry of the file.
     *
     * @param index  its position, for error names such as {@code [3].namespace}
     * @param stored the definition read from it, without id; {@code null} if it is not an object
     * @param errors values of the wrong type; rule checks come later, after merging
     */
    record Entry(int index, StoredConfig stored, List<FieldError> errors) {
    }

    /** @param mapper a mapper that rejects duplicate keys */
    KftrayJsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param json the file content
     * @return the entries, each with the type errors found in it, and warnings
     * @throws InvalidConfigException if the text is not JSON, or neither an array nor an object
     */
    Parsed read(String json) {
        List<JsonNode> items = items(parse(json));
        List<String> warnings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item instanceof ObjectNode object) {
                entries.add(readEntry(object, i, warnings));
            } else {
                entries.add(new Entry(i, null, List.of(new FieldError("[" + i + "]",
                        "expected a config object, got " + item.getNodeType()))));
            }
        }
        return new Parsed(entries, warnings);
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw invalid("the file is empty; expected a JSON array of configs or one config object");
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid("malformed JSON" + where + ": " + reason(e));
        }
    }

    /** Jackson's words, except where they name its own classes and switches. */
    private static String reason(JsonProcessingException e) {
        return e.getOriginalMessage().startsWith("Trailing token")
                ? "more content after the end of the JSON value; a file holds one array of configs (or one config)"
                : e.getOriginalMessage();
    }

    private static List<JsonNode> items(JsonNode root) {
        if (root.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            root.forEach(items::add);
            return items;
        }
        if (root.isObject()) {
            return List.of(root);
        }
        throw invalid("expected a JSON array of configs or one config object, got " + root.getNodeType());
    }

    private Entry readEntry(ObjectNode node, int index, List<String> warnings) {
        List<FieldError> errors = new ArrayList<>();
        JsonEntryReader in = new JsonEntryReader(node, index, errors);
        ForwardConfig config = ForwardConfig.builder()
                .alias(in.text(ALIAS))
                .context(in.text(CONTEXT))
                .kubeconfig(in.text(KUBECONFIG))
                .namespace(in.text(NAMESPACE))
                .workloadType(workloadType(in).orElse(null))
                .service(in.text(SERVICE))
                .target(in.text(TARGET))
                .remoteAddress(in.text(REMOTE_ADDRESS))
                .protocol(in.text(PROTOCOL))
                .localAddress(localAddress(in.text(LOCAL_ADDRESS)))
                .localPort(in.localPort(LOCAL_PORT))
                .remotePort(in.remotePort(REMOTE_PORT))
                .autoLoopbackAddress(in.flag(AUTO_LOOPBACK_ADDRESS, false))
                .domainEnabled(in.flag(DOMAIN_ENABLED, false))
                .httpLogsEnabled(in.flag(HTTP_LOGS_ENABLED, false))
                .autoStart(in.flag(AUTO_START, false))
                .group(in.text(GROUP))
                .build();
        in.checkRange(HTTP_LOGS_MAX_FILE_SIZE, MAX_HTTP_LOGS_MAX_FILE_SIZE, "bytes");
        in.checkRange(HTTP_LOGS_RETENTION_DAYS, MAX_HTTP_LOGS_RETENTION_DAYS, "days");
        in.flag(HTTP_LOGS_AUTO_CLEANUP, true);
        ExposeFields.check(in, mapper);
        ObjectNode extra = mapper.createObjectNode();
        node.fields().forEachRemaining(field -> {
            if (KEPT_AS_EXTRA.contains(field.getKey()) && !field.getValue().isNull()) {
                extra.set(field.getKey(), field.getValue());
            } else if (!MODELLED.contains(field.getKey()) && !KEPT_AS_EXTRA.contains(field.getKey())) {
                warnings.add("[" + index + "]." + field.getKey() + ": unknown field ignored");
            }
        });
        return new Entry(index, new StoredConfig(config, extra), errors);
    }

    private static Optional<WorkloadType> workloadType(JsonEntryReader in) {
        String text = in.text(WORKLOAD_TYPE);
        if (text == null) {
            return Optional.empty(); // reported by the definition's validation as required
        }
        Optional<WorkloadType> type = WorkloadType.parse(text);
        if (type.isEmpty()) {
            in.error(WORKLOAD_TYPE, "'" + text + "' is not a workload type; use service, pod, proxy, namespace or expose");
        }
        return type;
    }

    private static String localAddress(String address) {
        return ForwardConfig.DEFAULT_LOCAL_ADDRESS.equals(address) ? null : address;
    }

    private static InvalidConfigException invalid(String message) {
        return new InvalidConfigException(List.of(new FieldError("$", message)));
    }
}
