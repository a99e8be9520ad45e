package app.kftray.storage.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where kftray keeps its files: the {@code kftray.home} system property, else the
 * {@code KFTRAY_HOME} environment variable, else {@code ~/.kftray}.
 */
final class StorageHome {
    static final String ENVIRONMENT_VARIABLE = "KFTRAY_HOME";
    static final String SYSTEM_PROPERTY = "kftray.home";
    static final String DATABASE_FILE = "kftray.db";

    private StorageHome() {
    }

    /** @return the database file of this process's kftray home */
    static Path databaseFile() {
        return directory(System.getenv(), System.getProperties()).resolve(DATABASE_FILE);
    }

    /**
     * @param environment the process environment
     * @param properties  the system properties
     * @return the kftray home directory (not created)
     */
    static Path directory(Map<String, String> environment, Properties properties) {
        String property = properties.getProperty(SYSTEM_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim()).toAbsolutePath();
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable.trim()).toAbsolutePath();
        }
        return Path.of(properties.getProperty("user.home"), ".kftray").toAbsolutePath();
    }
}
