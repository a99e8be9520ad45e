package app.kftray.launcher.boot;

import app.kftray.api.ConfigStore;
import app.kftray.api.KftrayHome;
import app.kftray.api.RuntimeProperties;
import app.kftray.api.StandaloneStores;
import app.kftray.api.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A runtime booted for one command: only the bundles of one feature, no deploy watcher, closed
 * when the command ends. It never auto-starts forwards: a command runs only the forwards it names. {@code store} (storage only) keeps database commands fast;
 * {@code tools} adds cluster access and HTTP logs; {@code headless} runs forwards.
 */
public final class OneShotRuntime implements AutoCloseable {
    /** Feature with the stores only. */
    public static final String STORE = "store";
    /** Feature with stores, cluster access and HTTP logs, without the engine. */
    public static final String TOOLS = "tools";
    /** Feature with the stores and Git sync (no engine, so it never polls). */
    public static final String SYNC = "sync";
    /** Feature with cluster access and auto-import. */
    public static final String DISCOVERY = "discovery";
    /** Feature that runs forwards. */
    public static final String FORWARDING = "headless";

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);
    /** The framework, or null when the command runs on {@link #stores} alone. */
    private final KftrayRuntime runtime;
    /** The stores opened without a framework, or null when {@link #runtime} serves the command. */
    private final StandaloneStores stores;
    private final boolean owned;

    private OneShotRuntime(KftrayRuntime runtime, StandaloneStores stores, boolean owned) {
        this.runtime = runtime;
        this.stores = stores;
        this.owned = owned;
    }

    /**
     * @param feature the feature to boot
     * @return the running runtime
     */
    public static OneShotRuntime boot(String feature) {
        KftrayHome home = HomeDirectories.prepare();
        // only a runtime that runs forwards has a first cluster client worth loading ahead
        Map<String, String> properties = FORWARDING.equals(feature) ? Map.of()
                : Map.of(RuntimeProperties.CLIENT_WARM_UP, "false");
        RuntimeSettings settings = new RuntimeSettings(Distribution.locate(), home, home.deployDirectory(),
                List.of(feature), SERVICE_TIMEOUT, false, false, properties);
        return new OneShotRuntime(KftrayRuntime.start(settings), null, true);
    }

    /**
     * The stores for a command that needs nothing else and does not boot a framework later in the
     * same process: opened straight from the storage bundle when the distribution allows it,
     * else through a framework with the {@link #STORE} feature.
     *
     * @return a runtime that serves {@link ConfigStore} and {@link StateStore}
     */
    public static OneShotRuntime stores() {
        KftrayHome home = HomeDirectories.prepare();
        return StandaloneStoreLoader.factory(Distribution.locate())
                .map(factory -> new OneShotRuntime(null, factory.open(home.directory()), true))
                .orElseGet(() -> boot(STORE));
    }

    /**
     * @param host the runtime a shell command runs in
     * @return its services, for one command; closing it leaves the runtime running
     */
    public static OneShotRuntime hostedBy(KftrayRuntime host) {
        return new OneShotRuntime(host, null, false);
    }

    /** @return whether this is the runtime of a shell, not one booted for the command */
    public boolean hosted() {
        return !owned;
    }

    /**
     * @param type a service interface of the api
     * @param <T>  its type
     * @return the service, once its component is active
     */
    public <T> T service(Class<T> type) {
        if (runtime != null) {
            return runtime.service(type, SERVICE_TIMEOUT);
        }
        if (type == ConfigStore.class) {
            return type.cast(stores.configs());
        }
        if (type == StateStore.class) {
            return type.cast(stores.states());
        }
        throw new IllegalStateException(type.getSimpleName() + " needs a framework; boot one for this command");
    }

    /** @return the framework runtime, for commands that keep running */
    public KftrayRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("these stores run without a framework");
        }
        return runtime;
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        if (runtime != null) {
            runtime.close();
        } else {
            stores.close();
        }
    }
}
