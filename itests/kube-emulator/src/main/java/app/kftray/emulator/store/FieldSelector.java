package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code fieldSelector}: comma-separated {@code field=value}, {@code field==value} or
 * {@code field!=value} terms over the fields the real server indexes for the resource.
 */
public final class FieldSelector implements Predicate<JsonNode> {
    private static final Pattern TERM = Pattern.compile("([A-Za-z0-9.]+)\\s*(==|=|!=)\\s*(.*)");
    private static final Map<ResourceKind, List<String>> SUPPORTED = Map.of(
            ResourceKind.PODS, List.of("metadata.name", "metadata.namespace", "status.phase", "spec.nodeName",
                    "status.podIP", "spec.restartPolicy"),
            ResourceKind.SERVICES, List.of("metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type"),
            ResourceKind.NAMESPACES, List.of("metadata.name", "status.phase"));

    private final List<Predicate<JsonNode>> terms;

    private FieldSelector(List<Predicate<JsonNode>> terms) {
        this.terms = terms;
    }

    /** Parses a selector for {@code kind}; {@code null} or blank selects everything. */
    public static FieldSelector parse(ResourceKind kind, String text) throws ApiException {
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                terms.add(term(kind, part.trim()));
            }
        }
        return new FieldSelector(terms);
    }

    @Override
    public boolean test(JsonNode object) {
        return terms.stream().allMatch(t -> t.test(object));
    }

    private static Predicate<JsonNode> term(ResourceKind kind, String part) throws ApiException {
        Matcher m = TERM.matcher(part);
        if (!m.matches()) {
            throw ApiException.badRequest("invalid selector: '" + part + "'; can't understand '" + part + "'");
        }
        String field = m.group(1);
        String value = m.group(3);
        if (!SUPPORTED.getOrDefault(kind, List.of("metadata.name", "metadata.namespace")).contains(field)) {
            throw ApiException.badRequest("field label not supported: " + field);
        }
        boolean negate = "!=".equals(m.group(2));
        return object -> value.equals(fieldValue(object, field)) != negate;
    }

    private static String fieldValue(JsonNode object, String field) {
        JsonNode node = object;
        for (String segment : field.split("\\.")) {
            node = node.path(segment);
        }
        return node.asText("");
    }
}
