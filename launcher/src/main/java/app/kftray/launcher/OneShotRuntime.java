package app.kftray.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A runtime booted for one command: only the bundles of one feature, no deploy watcher, closed
 * when the command ends. {@code store} (storage only) keeps database commands fast;
 * {@code tools} adds cluster access and HTTP logs; {@code headless} runs forwards.
 */
final class OneShotRuntime implements AutoCloseable {
    /** Feature with the stores only. */
    static final String STORE = "store";
    /** Feature with stores, cluster access and HTTP logs, without the engine. */
    static final String TOOLS = "tools";
    /** Feature that runs forwards. */
    static final String FORWARDING = "headless";

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);
    private final KftrayRuntime runtime;

    private OneShotRuntime(KftrayRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * @param feature the feature to boot
     * @return the running runtime
     */
    static OneShotRuntime boot(String feature) {
        Path home = KftrayHome.ensureDirectory(KftrayHome.resolve());
        RuntimeSettings settings = new RuntimeSettings(Distribution.locate(), home, home.resolve("bundles"),
                List.of(feature), SERVICE_TIMEOUT, false);
        return new OneShotRuntime(KftrayRuntime.start(settings));
    }

    /**
     * @param type a service interface of the api
     * @param <T>  its type
     * @return the service, once its component is active
     */
    <T> T service(Class<T> type) {
        return runtime.service(type, SERVICE_TIMEOUT);
    }

    /** @return the framework runtime, for commands that keep running */
    KftrayRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
