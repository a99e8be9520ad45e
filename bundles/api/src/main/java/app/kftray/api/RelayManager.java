package app.kftray.api;

import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploys and removes the in-cluster relay that carries proxy workloads and UDP.
 */
@ProviderType
public interface RelayManager {

    /**
     * Creates (or reuses) the relay pod of a definition and waits until it is ready.
     *
     * @param config a proxy or UDP definition
     * @return the relay pod and the port to forward to
     * @throws KubeException if it cannot be created or never becomes ready (it is then removed)
     */
    ResolvedTarget ensureRelay(ForwardConfig config);

    /** @param config the definition whose relay is no longer needed */
    void release(ForwardConfig config);

    /**
     * Removes relay pods of this user left behind by a crashed run.
     *
     * @param cluster   cluster to clean
     * @param namespace namespace to clean
     * @return how many were removed
     */
    int removeOrphans(ClusterRef cluster, String namespace);

    /**
     * @return the container image relay pods are created from, empty when none is configured
     * @since 1.5
     */
    default String image() {
        return "";
    }
}
