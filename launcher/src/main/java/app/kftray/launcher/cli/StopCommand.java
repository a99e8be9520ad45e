package app.kftray.launcher.cli;

import app.kftray.api.StateStore.ControlRequest;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code kftray stop}: asks the processes that run forwards to stop them, and waits until they did. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop forwards in whichever kftray process runs them.")
final class StopCommand extends ControlCommand {
    StopCommand() {
        super(ControlRequest.Action.STOP, Duration.ofSeconds(10));
    }

    @Override
    boolean notRunning(ForwardConfig config) {
        out().println(config.displayName() + ": not running");
        return false;
    }

    @Override
    boolean settled(ForwardState state, Instant requested) {
        return !state.status().isActive();
    }

    @Override
    boolean report(ForwardConfig config, Optional<ForwardState> settled, long millis) {
        if (settled.isPresent()) {
            out().println(config.displayName() + ": stopped in " + millis + " ms");
            return true;
        }
        err().println("kftray: forward '" + config.displayName() + "' still runs after " + waitTime().toSeconds()
                + " s; see 'kftray status " + config.id() + "'");
        return false;
    }
}
