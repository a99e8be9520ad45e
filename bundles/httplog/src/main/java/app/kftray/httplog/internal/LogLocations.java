package app.kftray.httplog.internal;

import app.kftray.api.model.ForwardConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where HTTP logs live: {@code <kftray home>/http_logs/<forward>/}, the home being the
 * {@code kftray.home} system property, else the {@code KFTRAY_HOME} environment variable, else
 * {@code ~/.kftray} (the same rule as the database).
 */
final class LogLocations {
    static final String LOG_DIR = "http_logs";
    static final String JSON_BASE = "exchanges";
    static final String JSON_EXTENSION = "jsonl";
    static final String VIEW_EXTENSION = "http";

    private LogLocations() {
    }

    /**
     * @param systemProperties where {@code kftray.home} is looked up
     * @param environment      where {@code KFTRAY_HOME} is looked up
     * @return the directory holding one sub-directory per forward
     */
    static Path logRoot(Map<?, ?> systemProperties, Map<String, String> environment) {
        Object property = systemProperties.get("kftray.home");
        String home = property != null && !property.toString().isBlank() ? property.toString()
                : environment.getOrDefault("KFTRAY_HOME", "");
        Path base = home.isBlank() ? Path.of(String.valueOf(systemProperties.get("user.home")), ".kftray")
                : Path.of(home);
        return base.resolve(LOG_DIR);
    }

    /** @return the log root of this process */
    static Path logRoot() {
        return logRoot(System.getProperties(), System.getenv());
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
