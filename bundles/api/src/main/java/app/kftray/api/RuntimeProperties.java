package app.kftray.api;

/**
 * Names of the framework properties the launcher sets for the bundles of one runtime, from its
 * command line. A bundle reads them with {@code BundleContext.getProperty}; unlike a
 * {@link SettingKeys setting}, they last as long as the process.
 *
 * @since 1.5
 */
public final class RuntimeProperties {
    /** {@code host:port} the metrics endpoint serves on ({@code --metrics}); wins over the setting. */
    public static final String METRICS_ADDRESS = "kftray.metrics.address";
    /** {@code true} when the user allowed listening on addresses other hosts reach ({@code --allow-remote}). */
    public static final String ALLOW_REMOTE = "kftray.allow.remote";
    /**
     * {@code false} in a runtime that runs no forwards (a one-shot command reading logs or the cluster):
     * the Kubernetes client's classes are then not loaded ahead of need.
     *
     * @since 1.6
     */
    public static final String CLIENT_WARM_UP = "kftray.kube.warmup";

    private RuntimeProperties() {
    }
}
