package app.kftray.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code labelSelector} query value: equality ({@code =}, {@code ==}, {@code !=}), set
 * ({@code in}, {@code notin}) and existence ({@code key}, {@code !key}) requirements, all of which must hold.
 */
public final class LabelSelector implements Predicate<JsonNode> {
    private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final String KEY = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?" + NAME;
    private static final String VALUE = "(" + NAME + ")?";
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s+\\(([^()]*)\\)");
    private static final Pattern VALUE_ONLY = Pattern.compile(VALUE);

    private final List<Predicate<Map<String, String>>> requirements;

    private LabelSelector(List<Predicate<Map<String, String>>> requirements) {
        this.requirements = requirements;
    }

    /** Parses a selector; {@code null} or blank selects everything. */
    public static LabelSelector parse(String text) throws ApiException {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : splitOutsideParentheses(text)) {
                requirements.add(requirement(part.trim()));
            }
        }
        return new LabelSelector(requirements);
    }

    /** Selects objects whose labels contain every given pair (a service's {@code spec.selector}). */
    public static Predicate<JsonNode> ofMatchLabels(Map<String, String> matchLabels) {
        return object -> labels(object).entrySet().containsAll(matchLabels.entrySet());
    }

    @Override
    public boolean test(JsonNode object) {
        Map<String, String> labels = labels(object);
        return requirements.stream().allMatch(r -> r.test(labels));
    }

    static Map<String, String> labels(JsonNode object) {
        return KubeObjects.stringMap(object.path("metadata").path("labels"));
    }

    private static Predicate<Map<String, String>> requirement(String part) throws ApiException {
        Matcher m = SET.matcher(part);
        if (m.matches()) {
            String key = m.group(1);
            Set<String> values = Set.copyOf(parseValues(m.group(m.groupCount())));
            boolean in = "in".equals(m.group(m.groupCount() - 1));
            return in ? labels -> values.contains(labels.get(key))
                    : labels -> !values.contains(labels.get(key));
        }
        m = EQUALITY.matcher(part);
        if (m.matches()) {
            String key = m.group(1);
            String op = m.group(5);
            String value = m.group(6);
            return "!=".equals(op) ? labels -> !value.equals(labels.get(key))
                    : labels -> value.equals(labels.get(key));
        }
        m = EXISTS.matcher(part);
        if (m.matches()) {
            String key = m.group(2);
            return m.group(1).isEmpty() ? labels -> labels.containsKey(key) : labels -> !labels.containsKey(key);
        }
        throw ApiException.badRequest("unable to parse requirement: invalid label selector: \"" + part + "\"");
    }

    private static List<String> parseValues(String list) throws ApiException {
        List<String> values = new ArrayList<>();
        for (String v : list.split(",", -1)) {
            String value = v.trim();
            if (!VALUE_ONLY.matcher(value).matches()) {
                throw ApiException.badRequest("unable to parse requirement: invalid label value: \"" + value + "\"");
            }
            values.add(value);
        }
        return values;
    }

    private static List<String> splitOutsideParentheses(String text) throws ApiException {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                throw ApiException.badRequest("unable to parse requirement: unbalanced parentheses in \"" + text + "\"");
            }
        }
        if (depth != 0) {
            throw ApiException.badRequest("unable to parse requirement: unbalanced parentheses in \"" + text + "\"");
        }
        parts.add(text.substring(start));
        return parts;
    }
}
