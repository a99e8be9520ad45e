package app.kftray.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A runtime booted for one command: only the bundles of one feature, no deploy watcher, closed
 * when the command ends. It never auto-starts forwards: a command runs only the forwards it names. {@code store} (storage only) keeps database commands fast;
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
    private final boolean owned;

    private OneShotRuntime(KftrayRuntime runtime, boolean owned) {
        this.runtime = runtime;
        this.owned = owned;
    }

    /**
     * @param feature the feature to boot
     * @return the running runtime
     */
    static OneShotRuntime boot(String feature) {
        Path home = KftrayHome.ensureDirectory(KftrayHome.resolve());
        RuntimeSettings settings = new RuntimeSettings(Distribution.locate(), home, home.resolve("bundles"),
                List.of(feature), SERVICE_TIMEOUT, false, false);
        return new OneShotRuntime(KftrayRuntime.start(settings), true);
    }

    /**
     * @param host the runtime a shell command runs in
     * @return its services, for one command; closing it leaves the runtime running
     */
    static OneShotRuntime hostedBy(KftrayRuntime host) {
        return new OneShotRuntime(host, false);
    }

    /** @return whether this is the runtime of a shell, not one booted for the command */
    boolean hosted() {
        return !owned;
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
        if (owned) {
            runtime.close();
        }
    }
}
