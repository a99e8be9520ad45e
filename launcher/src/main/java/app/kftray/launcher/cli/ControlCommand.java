package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.launcher.boot.OneShotRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * A command that asks whichever processes run the named forwards to act on them, through the
 * shared control queue, and waits until each one has. A named forward that no process runs gets
 * no request.
 */
abstract class ControlCommand extends OneShotCommand {
    @Parameters(paramLabel = "ID|ALIAS", arity = "1..*", description = "Forwards to ${COMMAND-NAME}.")
    List<String> names;

    private final ControlRequest.Action action;
    private final Duration wait;

    /**
     * @param action what the owners should do
     * @param wait   how long to wait for each forward to settle
     */
    ControlCommand(ControlRequest.Action action, Duration wait) {
        this.action = action;
        this.wait = wait;
    }

    /**
     * Tells of a named forward that no process runs.
     *
     * @return whether that makes the command fail
     */
    abstract boolean notRunning(ForwardConfig config);

    /**
     * @param state     the forward's shared state
     * @param requested when the requests were queued
     * @return whether the state shows the request carried out
     */
    abstract boolean settled(ForwardState state, Instant requested);

    /**
     * Tells how the request for one forward ended.
     *
     * @param settled the settled state, empty when it did not settle in time
     * @param millis  time since the requests were queued
     * @return whether the request succeeded
     */
    abstract boolean report(ForwardConfig config, Optional<ForwardState> settled, long millis);

    /** @return how long this command waits for each forward */
    Duration waitTime() {
        return wait;
    }

    @Override
    final int execute() throws InterruptedException {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            StateStore states = runtime.service(StateStore.class);
            Instant requested = Instant.now().minusMillis(5);
            long begin = System.nanoTime();
            int failures = 0;
            List<ForwardConfig> asked = new ArrayList<>();
            for (ForwardConfig config : ForwardNames.resolve(configs, names)) {
                ForwardState state = states.get(config.id()).orElse(ForwardState.stopped(config.id()));
                if (state.status().isActive()) {
                    states.submit(new ControlRequest(config.id(), action, null));
                    asked.add(config);
                } else if (notRunning(config)) {
                    failures++;
                }
            }
            for (ForwardConfig config : asked) {
                Optional<ForwardState> settled = StateWaiter.await(states, config.id(), s -> settled(s, requested), wait);
                if (!report(config, settled, (System.nanoTime() - begin) / 1_000_000)) {
                    failures++;
                }
            }
            return failures == 0 ? 0 : ExitCodes.RUNTIME;
        }
    }
}
