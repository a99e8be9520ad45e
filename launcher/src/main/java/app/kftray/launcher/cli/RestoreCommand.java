package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.StateStore;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kftray restore}: replaces the database with a backup while no runtime uses it. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the saved forwards with a backup made by 'kftray backup'. "
                + "Refused while a kftray runtime is running.")
final class RestoreCommand extends OneShotCommand {
    @Parameters(paramLabel = "FILE", description = "The backup file.")
    Path file;

    @Override
    int execute() {
        InputFile.existing(file);
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            new RuntimeRegistry(configs, runtime.service(StateStore.class)).live().ifPresent(owner -> {
                throw new LauncherException("kftray process " + owner + " is running; stop it before restoring");
            });
            configs.restore(file);
            out().println("restored from " + file + ": " + configs.list().size() + " forwards");
        }
        return 0;
    }
}
