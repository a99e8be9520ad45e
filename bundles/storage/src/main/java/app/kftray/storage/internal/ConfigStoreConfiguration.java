package app.kftray.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of {@link SqliteConfigStore}; the database file itself follows KFTRAY_HOME. */
@ObjectClassDefinition(name = "kftray configuration store",
        description = "Saved forward definitions in the shared SQLite database")
@interface ConfigStoreConfiguration {
    /** Persistent identity of this component's configuration. */
    String PID = "app.kftray.storage.configs";

    @AttributeDefinition(name = "Busy timeout (ms)",
            description = "How long a write waits for another process's lock before failing", min = "1")
    int busy_timeout_ms() default 5000;

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "How often to look for changes made by other processes", min = "10")
    int poll_interval_ms() default 200;
}
