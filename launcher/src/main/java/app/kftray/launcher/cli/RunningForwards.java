package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Asks whichever processes run forwards to act on them, through the shared control queue. */
final class RunningForwards {
    private RunningForwards() {
    }

    /**
     * @param configs    the saved forwards
     * @param states     the shared state, where the request is queued
     * @param names      ids or aliases
     * @param action     what the owners should do
     * @param notRunning told of each named forward no process runs (nothing is queued for it)
     * @return the forwards a request was queued for
     */
    static List<ForwardConfig> ask(ConfigStore configs, StateStore states, List<String> names,
                                   ControlRequest.Action action, Consumer<ForwardConfig> notRunning) {
        List<ForwardConfig> asked = new ArrayList<>();
        for (ForwardConfig config : ForwardNames.resolve(configs, names)) {
            ForwardState state = states.get(config.id()).orElse(ForwardState.stopped(config.id()));
            if (state.status().isActive()) {
                states.submit(new ControlRequest(config.id(), action, null));
                asked.add(config);
            } else {
                notRunning.accept(config);
            }
        }
        return asked;
    }
}
