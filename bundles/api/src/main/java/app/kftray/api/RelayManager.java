package app.kftray.api;

import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploys and removes the in-cluster relay that carries proxy workloads and UDP, and the relay
 * with its Service (and Ingress) that publishes an expose workload.
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

    /**
     * The secret an expose forward's local side presents on every stream to its relay. It is made
     * when the relay is deployed and handed to the relay through a Kubernetes Secret; it never leaves
     * this process otherwise.
     *
     * @param config an {@link app.kftray.api.model.WorkloadType#EXPOSE} definition whose relay is deployed
     * @return the secret, empty when no relay of that forward is deployed by this process
     * @since 1.5
     */
    default Optional<String> exposeSecret(ForwardConfig config) {
        return Optional.empty();
    }

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
