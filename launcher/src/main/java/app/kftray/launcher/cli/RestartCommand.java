package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.launcher.boot.OneShotRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kftray restart}: asks the processes that run forwards to restart them (new pod lookup,
 * new listener), and waits until each runs again. A forward nobody runs is an error: start it instead.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart running forwards in whichever kftray process runs them: the pod is looked up again.")
final class RestartCommand extends OneShotCommand {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameters(paramLabel = "ID|ALIAS", arity = "1..*", description = "Forwards to restart.")
    List<String> names;

    @Override
    int execute() throws InterruptedException {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            StateStore states = runtime.service(StateStore.class);
            List<String> notRunning = new ArrayList<>();
            Instant submitted = Instant.now().minusMillis(5);
            long begin = System.nanoTime();
            List<ForwardConfig> asked = RunningForwards.ask(configs, states, names, ControlRequest.Action.RESTART,
                    config -> notRunning.add(config.displayName()));
            notRunning.forEach(name -> err().println("kftray: forward '" + name + "' is not running; start it with"
                    + " 'kftray start " + name + "'"));
            int failures = notRunning.size();
            for (ForwardConfig config : asked) {
                Optional<ForwardState> settled = StateWaiter.await(states, config.id(),
                        s -> (s.status() == ForwardStatus.RUNNING || s.status() == ForwardStatus.FAILED)
                                && !s.since().isBefore(submitted), WAIT);
                if (settled.isPresent() && settled.get().status() == ForwardStatus.RUNNING) {
                    out().println(ProgressLine.running(config, settled.get()) + " (restarted in "
                            + (System.nanoTime() - begin) / 1_000_000 + " ms)");
                } else {
                    failures++;
                    err().println("kftray: " + ProgressLine.failed(config, settled.map(ForwardState::lastError)
                            .orElse("not running again after " + WAIT.toSeconds() + " s")));
                }
            }
            return failures == 0 ? 0 : ExitCodes.RUNTIME;
        }
    }
}
