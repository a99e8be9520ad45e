package app.kftray.api;

import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Write access to a cluster for the objects kftray runs itself (such as the relay and the
 * Deployment, Service, Ingress and Secret of an exposed port): create one, wait for a pod,
 * delete by label. Reading pods stays with {@link KubeAccess#pods}.
 */
@ProviderType
public interface KubeWorkloads {

    /**
     * Creates a single-container pod.
     *
     * @param cluster kubeconfig and context
     * @param spec    what to run
     * @return the created pod (with its uid)
     * @throws KubeException {@link KubeException.Reason#REFUSED} when the API server refuses it
     *                       (forbidden, a pod of that name exists...)
     */
    PodRef createPod(ClusterRef cluster, PodSpec spec);

    /**
     * Deletes pods at once (no grace period): they are disposable helpers.
     *
     * @param cluster       kubeconfig and context
     * @param namespace     namespace
     * @param labelSelector equality selector such as {@code a=b,c=d}; required, so nothing is deleted by accident
     * @return how many pods were deleted
     */
    int deletePods(ClusterRef cluster, String namespace, String labelSelector);

    /**
     * Waits until a pod is Ready.
     *
     * @param pod     the pod
     * @param timeout how long to wait at most
     * @return {@code true} when it became ready, {@code false} when the time ran out
     * @throws KubeException if the pod is deleted or ends (phase Failed or Succeeded) while waiting
     */
    boolean awaitReady(PodRef pod, Duration timeout);

    /**
     * Creates one object from its manifest.
     *
     * @param cluster   kubeconfig and context
     * @param namespace namespace to create it in (the manifest's own namespace, if any, must match)
     * @param manifest  one object as YAML or JSON, of one of the {@link ObjectKind}s
     * @return the created object's name
     * @throws KubeException {@link KubeException.Reason#REFUSED} when the API server refuses it (forbidden,
     *                       exists already, invalid), {@link KubeException.Reason#INVALID} when the manifest
     *                       cannot be read
     * @since 1.5
     */
    String create(ClusterRef cluster, String namespace, String manifest);

    /**
     * Deletes every object of a kind that carries the labels, at once (no grace period).
     *
     * @param cluster       kubeconfig and context
     * @param namespace     namespace
     * @param kind          what to delete
     * @param labelSelector equality selector such as {@code a=b,c=d}; required, so nothing is deleted by accident
     * @return how many were deleted
     * @since 1.5
     */
    int delete(ClusterRef cluster, String namespace, ObjectKind kind, String labelSelector);

    /** The kinds of objects kftray creates. @since 1.5 */
    enum ObjectKind {
        /** {@code v1 Pod}. */
        POD,
        /** {@code apps/v1 Deployment}. */
        DEPLOYMENT,
        /** {@code v1 Service}. */
        SERVICE,
        /** {@code networking.k8s.io/v1 Ingress}. */
        INGRESS,
        /** {@code v1 Secret}. */
        SECRET
    }

    /**
     * A pod with one container listening on one TCP port.
     *
     * @param namespace     namespace to create it in
     * @param name          pod name
     * @param image         container image
     * @param labels        pod labels
     * @param env           container environment
     * @param containerPort the port the container listens on
     */
    record PodSpec(String namespace, String name, String image, Map<String, String> labels, Map<String, String> env,
                   int containerPort) {
        public PodSpec {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            labels = Map.copyOf(labels);
            env = Map.copyOf(env);
            if (containerPort < 1 || containerPort > 65535) {
                throw new IllegalArgumentException("container port out of range: " + containerPort);
            }
        }
    }
}
