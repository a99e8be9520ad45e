package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An equality-based label selector ({@code app=web,tier!=db}) as kftray's {@code target}
 * field and kubectl's {@code -l} accept it.
 *
 * @param equal    labels that must have these values
 * @param notEqual labels that must not have these values
 */
record LabelSelector(Map<String, String> equal, Map<String, String> notEqual) {

    static LabelSelector parse(String text) {
        Map<String, String> equal = new LinkedHashMap<>();
        Map<String, String> notEqual = new LinkedHashMap<>();
        for (String raw : text.split(",")) {
            String term = raw.trim();
            int not = term.indexOf("!=");
            int eq = term.indexOf('=');
            if (not > 0) {
                notEqual.put(term.substring(0, not).trim(), term.substring(not + 2).trim());
            } else if (eq > 0) {
                String value = term.substring(eq + 1);
                equal.put(term.substring(0, eq).trim(), (value.startsWith("=") ? value.substring(1) : value).trim());
            } else {
                throw new KubeException(Reason.INVALID, "'" + term + "' is not a key=value or key!=value selector term", null);
            }
        }
        return new LabelSelector(equal, notEqual);
    }

    /**
     * @param labels an object's labels, or {@code null} for none
     * @return whether the selector selects it; as in Kubernetes, {@code key!=value} selects objects without the key
     */
    boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return equal.entrySet().stream().allMatch(e -> e.getValue().equals(present.get(e.getKey())))
                && notEqual.entrySet().stream().noneMatch(e -> e.getValue().equals(present.get(e.getKey())));
    }
}
