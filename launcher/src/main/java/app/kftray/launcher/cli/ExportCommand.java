package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.OneShotRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kftray export}: writes kftray-compatible JSON to a file or stdout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export forwards as kftray configs.json (to FILE, or stdout).")
final class ExportCommand extends OneShotCommand {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Where to write (default: stdout).")
    Path file;

    @Option(names = "--only", paramLabel = "ID|ALIAS", description = "Export only these forwards (repeatable).")
    List<String> only = List.of();

    @Override
    int execute() throws IOException {
        String json;
        try (OneShotRuntime runtime = stores()) {
            ConfigStore configs = runtime.service(ConfigStore.class);
            json = configs.exportJson(ForwardNames.resolve(configs, only).stream().map(ForwardConfig::id).toList());
        }
        if (file == null) {
            out().println(json);
        } else {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".kftray-export", ".json");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            out().println("exported to " + file);
        }
        return 0;
    }
}
