package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kftray backup}: an online copy of the database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the database to FILE (safe while kftray runs).")
final class BackupCommand extends OneShotCommand {
    @Parameters(paramLabel = "FILE", description = "The backup file to create.")
    Path file;

    @Override
    int execute() {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new LauncherException(parent + ": no such directory");
        }
        try (OneShotRuntime runtime = stores()) {
            runtime.service(ConfigStore.class).backup(file);
            out().println("backed up to " + file);
        }
        return 0;
    }
}
