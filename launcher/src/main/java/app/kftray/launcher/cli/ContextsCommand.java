package app.kftray.launcher.cli;

import app.kftray.api.KubeAccess;
import app.kftray.launcher.boot.OneShotRuntime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kftray contexts}: the contexts of a kubeconfig, as {@code kubectl config get-contexts}. */
@Command(name = "contexts", mixinStandardHelpOptions = true, description = "List the contexts of the kubeconfig.")
final class ContextsCommand extends OneShotCommand {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Override
    int execute() {
        if (kubeconfig != null) {
            InputFile.existing(java.nio.file.Path.of(kubeconfig));
        }
        try (OneShotRuntime runtime = runtime(OneShotRuntime.TOOLS)) {
            List<KubeAccess.KubeContext> contexts = runtime.service(KubeAccess.class).contexts(kubeconfig);
            Table table = new Table("CURRENT", "NAME", "CLUSTER", "NAMESPACE");
            contexts.forEach(c -> table.row(c.current() ? "*" : " ", c.name(), c.cluster(), c.namespace()));
            table.print(out());
        }
        return 0;
    }
}
