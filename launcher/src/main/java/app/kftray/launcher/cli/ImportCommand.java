package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.launcher.boot.OneShotRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kftray import}: reads kftray-compatible JSON; all entries or none. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import forwards from a kftray configs.json file (an array or one object). "
                + "One bad entry and nothing is imported; entries equal to saved ones are merged.")
final class ImportCommand extends OneShotCommand {
    @Parameters(paramLabel = "FILE", description = "The JSON file.")
    Path file;

    @Override
    int execute() {
        String json = InputFile.text(file);
        try (OneShotRuntime runtime = stores()) {
            ImportResult result = runtime.service(ConfigStore.class).importJson(json);
            result.warnings().forEach(w -> err().println("kftray: warning: " + w));
            out().printf("imported %s: %d created, %d updated, %d unchanged%n", file, result.created().size(),
                    result.updated().size(), result.unchanged());
        }
        return 0;
    }
}
