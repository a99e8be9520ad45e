package app.kftray.api.model;

/**
 * A cluster as a user names it: a kubeconfig file and a context in it. Credentials are
 * never part of it; they are read from the kubeconfig when needed and kept in memory.
 *
 * @param kubeconfig path of the kubeconfig, or {@code null} for the default
 *                   ({@code KUBECONFIG}, else {@code ~/.kube/config})
 * @param context    context name, or {@code null} for the kubeconfig's current context
 */
public record ClusterRef(String kubeconfig, String context) {
    /**
     * @param config a forward definition
     * @return the cluster it points at
     */
    public static ClusterRef of(ForwardConfig config) {
        return new ClusterRef(config.kubeconfig(), config.context());
    }
}
