package app.kftray.emulator;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;

/**
 * fabric8 {@link Config}s for an emulator, read from the kubeconfig it wrote so the same file that kubectl
 * uses is what fabric8 uses. Needs fabric8's kubernetes-client-api on the caller's class path.
 */
public final class Fabric8Clients {
    private Fabric8Clients() {
    }

    /** The config of one context of a kubeconfig file. */
    public static Config config(Path kubeconfig, String context) {
        Config config = Config.fromKubeconfig(context, kubeconfig.toFile());
        // fail fast in tests instead of fabric8's long default retry backoff
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        return config;
    }
}
