package app.kftray.storage.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.KftrayHome;
import app.kftray.api.StandaloneStores;
import app.kftray.api.StateStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two SQLite stores opened without a framework, with the settings their components get when
 * nobody configures them: the defaults written in the configuration annotations.
 */
final class SqliteStandaloneStores implements StandaloneStores {
    private final SqliteConfigStore configs;
    private final SqliteStateStore states;

    private SqliteStandaloneStores(SqliteConfigStore configs, SqliteStateStore states) {
        this.configs = configs;
        this.states = states;
    }

    static SqliteStandaloneStores open(Path databaseFile) {
        ConfigStoreConfiguration configSettings = defaults(ConfigStoreConfiguration.class);
        StateStoreConfiguration stateSettings = defaults(StateStoreConfiguration.class);
        SqliteConfigStore configs = new SqliteConfigStore(databaseFile, millis(configSettings.busy_timeout_ms()),
                millis(configSettings.poll_interval_ms()));
        try {
            return new SqliteStandaloneStores(configs, new SqliteStateStore(databaseFile,
                    millis(stateSettings.busy_timeout_ms()), millis(stateSettings.heartbeat_interval_ms()),
                    millis(stateSettings.stale_after_ms()), stateSettings.history_limit(), LocalProcess.owner()));
        } catch (RuntimeException e) {
            configs.close();
            throw e;
        }
    }

    /** The settings an unconfigured component sees, as Declarative Services builds them. */
    private static <A> A defaults(Class<A> settings) {
        return settings.cast(Proxy.newProxyInstance(settings.getClassLoader(), new Class<?>[] {settings},
                (proxy, method, args) -> method.getDefaultValue()));
    }

    private static Duration millis(int value) {
        return Duration.ofMillis(value);
    }

    @Override
    public ConfigStore configs() {
        return configs;
    }

    @Override
    public StateStore states() {
        return states;
    }

    @Override
    public void close() {
        try {
            states.close();
        } finally {
            configs.close();
        }
    }

    /** What {@link java.util.ServiceLoader} finds in this bundle's jar. */
    public static final class Factory implements StandaloneStores.Factory {
        @Override
        public StandaloneStores open(Path home) {
            return SqliteStandaloneStores.open(KftrayHome.of(home).database());
        }
    }
}
