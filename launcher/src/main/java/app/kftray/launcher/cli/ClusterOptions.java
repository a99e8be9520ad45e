package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import picocli.CommandLine.Option;

/** kubectl's {@code --kubeconfig}, {@code --context} and {@code --namespace}: defaults for new forwards, filters for lists. */
final class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAME", description = "Namespace.")
    String namespace;

    /**
     * @param config a saved forward
     * @return whether it matches every option that was given
     */
    boolean matches(ForwardConfig config) {
        return (kubeconfig == null || kubeconfig.equals(config.kubeconfig()))
                && (context == null || context.equals(config.context()))
                && (namespace == null || namespace.equals(config.namespace()));
    }
}
