package app.kftray.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of {@link SqliteConfigStore}; the database file is the kftray home's. */
@ObjectClassDefinition(name = "kftray configuration store",
        description = "Saved forward definitions in the shared SQLite database")
@interface ConfigStoreConfiguration {
    /** Persistent identity of this component's configuration. */
    String PID = "app.kftray.storage.configs";

    @AttributeDefinition(name = BusyTimeoutSetting.NAME, description = BusyTimeoutSetting.DESCRIPTION,
            min = BusyTimeoutSetting.MIN)
    int busy_timeout_ms() default BusyTimeoutSetting.DEFAULT_MS;

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "How often to look for changes made by other processes", min = "10")
    int poll_interval_ms() default 200;
}
