package app.kftray.httplog.internal;

import app.kftray.api.model.ForwardConfig;

/**
 * How HTTP log files are named: {@code <forward>/exchanges.jsonl} (and {@code .http}) below
 * the kftray home's {@link app.kftray.api.KftrayHome#httpLogs() http_logs} directory.
 */
final class LogLocations {
    static final String JSON_BASE = "exchanges";
    static final String JSON_EXTENSION = "jsonl";
    static final String VIEW_EXTENSION = "http";

    private LogLocations() {
    }

    /**
     * @param config a forward
     * @return its directory name: the config id, or the alias (display name) while unsaved
     */
    static String forwardName(ForwardConfig config) {
        return config.id() != null ? config.id().toString() : safeName(config.displayName());
    }

    /**
     * @param name a name a user typed or a config produced
     * @return the name with every character that is unsafe in a file name replaced by '_'
     */
    static String safeName(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.') ? "_" + cleaned : cleaned;
    }
}
