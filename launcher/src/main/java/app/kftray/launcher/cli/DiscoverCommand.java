package app.kftray.launcher.cli;

import app.kftray.api.ConfigDiscovery;
import app.kftray.api.ConfigDiscovery.Discovery;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.launcher.boot.OneShotRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kftray discover}: auto-import of the forwards that annotated services declare. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Import forwards from services annotated kftray.app/enabled: \"true\".",
            "kftray.app/configs: \"alias-localPort-targetPort,...\" names a service's forwards (the target a port"
                + " number or a service port name); without it each TCP port becomes a forward. Found forwards"
                + " are merged into the saved ones as by 'kftray import', so a second run changes nothing."})
final class DiscoverCommand extends OneShotCommand {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAME",
            description = "Only this namespace (default: every namespace you may list, else the context's namespace).")
    String namespace;

    @Option(names = "--dry-run", description = "Show what would be imported; save nothing.")
    boolean dryRun;

    @Override
    int execute() {
        if (kubeconfig != null) {
            InputFile.existing(Path.of(kubeconfig));
        }
        try (OneShotRuntime runtime = runtime(OneShotRuntime.DISCOVERY)) {
            Discovery result = runtime.service(ConfigDiscovery.class)
                    .discover(new ClusterRef(kubeconfig, context), namespace, !dryRun);
            if (result.note() != null) {
                err().println("kftray: note: " + result.note());
            }
            result.skipped().forEach(line -> err().println("kftray: skipped " + line));
            Table table = new Table("ALIAS", "NAMESPACE", "SERVICE", "LOCAL", "REMOTE");
            for (ForwardConfig c : result.found()) {
                table.row(c.alias(), c.namespace(), c.service(), String.valueOf(c.localPort()), c.remotePort());
            }
            table.print(out());
            if (result.imported() == null) {
                out().printf("dry run: %d forwards found in %s; nothing saved%n", result.found().size(),
                        String.join(", ", result.namespaces()));
            } else {
                out().printf("discovered %d forwards in %s: %d created, %d updated, %d unchanged%n",
                        result.found().size(), String.join(", ", result.namespaces()),
                        result.imported().created().size(), result.imported().updated().size(),
                        result.imported().unchanged());
            }
        }
        return 0;
    }
}
