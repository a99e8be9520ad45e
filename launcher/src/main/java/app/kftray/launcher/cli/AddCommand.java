package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.OneShotRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kftray add}: saves a new forward definition. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Save a new forward. Example: kftray add -n dev -s web -r 80 -l 8080 -a web")
final class AddCommand extends OneShotCommand {
    @Mixin
    ConfigFields fields;

    @Override
    int execute() {
        ForwardConfig.Builder builder = ForwardConfig.builder().namespace("default");
        ForwardConfig config = fields.applyTo(builder).build();
        ListenerExposure.confirm(null, config, fields.allowRemote);
        try (OneShotRuntime runtime = stores()) {
            ForwardConfig saved = runtime.service(ConfigStore.class).create(config);
            out().println("added forward " + saved.id() + " '" + saved.displayName() + "'");
        }
        return 0;
    }
}
