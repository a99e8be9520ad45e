package app.kftray.launcher.cli;

import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code kftray restart}: asks the processes that run forwards to restart them (new pod lookup,
 * new listener), and waits until each runs again. A forward nobody runs is an error: start it instead.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart running forwards in whichever kftray process runs them: the pod is looked up again.")
final class RestartCommand extends ControlCommand {
    RestartCommand() {
        super(ControlRequest.Action.RESTART, Duration.ofSeconds(30));
    }

    @Override
    boolean notRunning(ForwardConfig config) {
        err().println("kftray: forward '" + config.displayName() + "' is not running; start it with 'kftray start "
                + config.displayName() + "'");
        return true;
    }

    @Override
    boolean settled(ForwardState state, Instant requested) {
        return (state.status() == ForwardStatus.RUNNING || state.status() == ForwardStatus.FAILED)
                && !state.since().isBefore(requested);
    }

    @Override
    boolean report(ForwardConfig config, Optional<ForwardState> settled, long millis) {
        if (settled.isPresent() && settled.get().status() == ForwardStatus.RUNNING) {
            out().println(ProgressLine.running(config, settled.get()) + " (restarted in " + millis + " ms)");
            return true;
        }
        err().println("kftray: " + ProgressLine.failed(config, settled.map(ForwardState::lastError)
                .orElse("not running again after " + waitTime().toSeconds() + " s")));
        return false;
    }
}
