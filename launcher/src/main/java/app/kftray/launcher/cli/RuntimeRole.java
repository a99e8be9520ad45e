package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardListener;
import app.kftray.api.ForwardManager;
import app.kftray.api.StateStore;
import app.kftray.launcher.boot.KftrayRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-running runtime with the engine takes on: it records itself as the database's
 * runtime (one-shot commands send it their requests), or takes the record over once it runs the
 * forwards of a runtime that is gone, and reports its forwards.
 */
public final class RuntimeRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeRole.class);

    private final RuntimeRegistry registry;
    private final ForwardReporter reporter;
    private final RuntimeRecordKeeper keeper;

    private RuntimeRole(RuntimeRegistry registry, ForwardReporter reporter, RuntimeRecordKeeper keeper) {
        this.registry = registry;
        this.reporter = reporter;
        this.keeper = keeper;
    }

    /**
     * @param runtime a started runtime
     * @return its role; inert when the runtime has no engine or stores
     */
    public static RuntimeRole take(KftrayRuntime runtime) {
        return take(runtime, true);
    }

    /**
     * @param runtime a started runtime
     * @param catchUp whether to report the forwards that changed state before now (false when the
     *                caller reported them itself, so that nothing is printed twice)
     * @return its role; inert when the runtime has no engine or stores
     */
    public static RuntimeRole take(KftrayRuntime runtime, boolean catchUp) {
        ForwardManager manager = runtime.findService(ForwardManager.class).orElse(null);
        ConfigStore configs = runtime.findService(ConfigStore.class).orElse(null);
        StateStore states = runtime.findService(StateStore.class).orElse(null);
        if (manager == null || configs == null || states == null) {
            return new RuntimeRole(null, null, null);
        }
        ForwardReporter reporter = new ForwardReporter(manager, configs);
        runtime.register(ForwardListener.class, reporter);
        if (catchUp) {
            reporter.catchUp();
        }
        RuntimeRegistry registry = new RuntimeRegistry(configs, states);
        registry.register().ifPresent(other -> LOG.warn("kftray process {} is already running on this database; "
                + "commands keep talking to it, and forwards it runs are not started here", other));
        RuntimeRecordKeeper keeper = new RuntimeRecordKeeper(registry);
        runtime.register(ForwardListener.class, keeper);
        return new RuntimeRole(registry, reporter, keeper);
    }

    @Override
    public void close() {
        if (registry != null) {
            keeper.close(); // first: a forward running meanwhile must not record this stopping process again
            try {
                registry.unregister();
            } catch (RuntimeException e) {
                LOG.debug("runtime record not removed: {}", e.getMessage());
            }
            reporter.close();
        }
    }
}
