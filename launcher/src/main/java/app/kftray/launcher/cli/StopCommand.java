package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.OneShotRuntime;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kftray stop}: asks the processes that run forwards to stop them, and waits until they did. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop forwards in whichever kftray process runs them.")
final class StopCommand extends OneShotCommand {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Parameters(paramLabel = "ID|ALIAS", arity = "1..*", description = "Forwards to stop.")
    List<String> names;

    @Override
    int execute() throws InterruptedException {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            StateStore states = runtime.service(StateStore.class);
            long begin = System.nanoTime();
            List<ForwardConfig> asked = RunningForwards.ask(configs, states, names, ControlRequest.Action.STOP,
                    config -> out().println(config.displayName() + ": not running"));
            int failures = 0;
            for (ForwardConfig config : asked) {
                if (StateWaiter.await(states, config.id(), s -> !s.status().isActive(), WAIT).isPresent()) {
                    out().println(config.displayName() + ": stopped in "
                            + (System.nanoTime() - begin) / 1_000_000 + " ms");
                } else {
                    failures++;
                    err().println("kftray: forward '" + config.displayName() + "' still runs after "
                            + WAIT.toSeconds() + " s; see 'kftray status " + config.id() + "'");
                }
            }
            return failures == 0 ? 0 : ExitCodes.RUNTIME;
        }
    }
}
