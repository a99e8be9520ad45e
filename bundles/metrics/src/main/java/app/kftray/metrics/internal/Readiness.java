package app.kftray.metrics.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.ForwardManager;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The auto-start forwards that are not RUNNING in this process: what {@code /readyz} waits for. */
final class Readiness implements Supplier<List<String>> {
    private final ConfigStore configs;
    private final ForwardManager manager;

    Readiness(ConfigStore configs, ForwardManager manager) {
        this.configs = configs;
        this.manager = manager;
    }

    /** @return one description per waiting forward, e.g. {@code 'web' is RECONNECTING: pod gone}; empty when ready */
    @Override
    public List<String> get() {
        List<String> waiting = new ArrayList<>();
        for (ForwardConfig config : configs.list()) {
            if (!config.autoStart()) {
                continue;
            }
            ForwardState state = manager.status(config.id());
            if (state.status() != ForwardStatus.RUNNING) {
                waiting.add("'" + config.displayName() + "' is " + state.status()
                        + (state.lastError() == null ? "" : ": " + state.lastError()));
            }
        }
        return waiting;
    }
}
