package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kftray edit}: changes the given fields of a saved forward. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = "Change fields of a saved forward; flags not given keep their value. "
                + "A running forward picks the change up when restarted.")
final class EditCommand extends OneShotCommand {
    @Parameters(index = "0", paramLabel = "ID|ALIAS", description = "The forward to change.")
    String name;

    @Mixin
    ConfigFields fields;

    @Override
    int execute() {
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            ForwardConfig current = ForwardNames.resolve(configs, List.of(name)).get(0);
            ForwardConfig changed = fields.applyTo(current.toBuilder()).build();
            ListenerExposure.confirm(current, changed, fields.allowRemote);
            ForwardConfig saved = configs.update(changed);
            out().println("updated forward " + saved.id() + " '" + saved.displayName() + "'");
        }
        return 0;
    }
}
