package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kftray rm}: deletes saved forwards that are not running. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
        description = "Delete saved forwards. Running forwards must be stopped first.")
final class RemoveCommand extends OneShotCommand {
    @Parameters(paramLabel = "ID|ALIAS", arity = "1..*", description = "Forwards to delete.")
    List<String> names;

    @Override
    int execute() {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            StateStore states = runtime.service(StateStore.class);
            List<ForwardConfig> doomed = ForwardNames.resolve(configs, names);
            for (ForwardConfig config : doomed) {
                ForwardState state = states.get(config.id()).orElse(ForwardState.stopped(config.id()));
                if (state.status().isActive()) {
                    throw new LauncherException("forward '" + config.displayName() + "' is " + state.status()
                            + " in kftray process " + state.owner() + "; stop it first with 'kftray stop "
                            + config.id() + "'");
                }
            }
            for (ForwardConfig config : doomed) {
                configs.delete(config.id());
                out().println("removed forward " + config.id() + " '" + config.displayName() + "'");
            }
        }
        return 0;
    }
}
