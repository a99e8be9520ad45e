package app.kftray.launcher.cli;

import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.KftrayHome;
import app.kftray.launcher.boot.Distribution;
import app.kftray.launcher.boot.HomeDirectories;
import app.kftray.launcher.boot.InstalledProtocols;
import app.kftray.launcher.boot.LauncherException;
import app.kftray.launcher.boot.OneShotRuntime;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kftray import}: reads kftray-compatible JSON; all entries or none. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import forwards from a kftray configs.json file (an array or one object). "
                + "One bad entry and nothing is imported; entries equal to saved ones are merged. "
                + "A forward listening beyond loopback, or a kubeconfig outside ~/.kube (or not yours) that runs a "
                + "credential plugin, needs a confirmation: asked on a terminal, else given with the flags below.")
final class ImportCommand extends OneShotCommand {
    static final String TRUST_FLAG = "--trust-kubeconfig";

    @Parameters(paramLabel = "FILE", description = "The JSON file.")
    Path file;

    @Option(names = ListenerExposure.FLAG, description = "Confirm forwards listening beyond loopback.")
    boolean allowRemote;

    @Option(names = TRUST_FLAG, description = "Confirm kubeconfigs outside ~/.kube or owned by someone else "
            + "whose credential plugins run commands.")
    boolean trustKubeconfig;

    @Override
    int execute() {
        String json = InputFile.text(file);
        KftrayHome home = HomeDirectories.prepare();
        ImportReview review = new ImportReview(Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"),
                InstalledProtocols.in(Distribution.locate().resolve("bundles"), home.deployDirectory())).of(json);
        review.warnings().forEach(w -> err().println("kftray: warning: " + w));
        List<String> unconfirmed = new ArrayList<>();
        if (!review.remoteListeners().isEmpty() && !allowRemote) {
            unconfirmed.add(ListenerExposure.FLAG + " (" + String.join(", ", review.remoteListeners()) + ")");
        }
        if (!review.kubeconfigsToTrust().isEmpty() && !trustKubeconfig) {
            unconfirmed.add(TRUST_FLAG + " (" + String.join(", ", review.kubeconfigsToTrust()) + ")");
        }
        if (!unconfirmed.isEmpty() && !confirmedOnTerminal()) {
            throw new LauncherException("nothing imported from " + file + ": confirm the warnings above with "
                    + String.join(" and ", unconfirmed));
        }
        try (OneShotRuntime runtime = stores()) {
            ImportResult result = runtime.service(ConfigStore.class).importJson(json);
            result.warnings().forEach(w -> err().println("kftray: warning: " + w));
            out().printf("imported %s: %d created, %d updated, %d unchanged%n", file, result.created().size(),
                    result.updated().size(), result.unchanged());
        }
        return 0;
    }

    /** @return whether a user at a terminal answered yes; without a terminal only the flags confirm */
    private boolean confirmedOnTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        err().flush();
        String answer = console.readLine("Import anyway? [y/N] ");
        return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }
}
