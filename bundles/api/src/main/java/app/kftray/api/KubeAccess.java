package app.kftray.api;

import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to clusters as kubectl sees them: kubeconfig contexts, namespaces,
 * services and pods, and the resolution of a forward definition to a ready pod.
 * Credentials stay in memory; nothing here is persisted.
 */
@ProviderType
public interface KubeAccess {

    /**
     * @param kubeconfig a kubeconfig path, or {@code null} for {@code KUBECONFIG} (merged) or {@code ~/.kube/config}
     * @return its contexts
     * @throws KubeException if the kubeconfig cannot be read
     */
    List<KubeContext> contexts(String kubeconfig);

    /**
     * @param cluster kubeconfig and context
     * @return namespace names
     */
    List<String> namespaces(ClusterRef cluster);

    /**
     * @param cluster   kubeconfig and context
     * @param namespace namespace
     * @return its services with their ports
     */
    List<ServiceInfo> services(ClusterRef cluster, String namespace);

    /**
     * Lists services with their annotations, for auto-import. Without a namespace it looks in
     * every namespace the user may list; a user who may not list namespaces (namespace-scoped
     * RBAC) gets the context's namespace instead of an error.
     *
     * @param cluster   kubeconfig and context
     * @param namespace namespace, or {@code null} for all the user can see
     * @return the namespaces looked at and their services
     * @throws KubeException if the cluster cannot be reached or refuses to list services
     * @since 1.5
     */
    default ServiceListing annotatedServices(ClusterRef cluster, String namespace) {
        throw new UnsupportedOperationException("this cluster access cannot list annotated services");
    }

    /**
     * @param cluster       kubeconfig and context
     * @param namespace     namespace
     * @param labelSelector selector such as {@code app=web}, or {@code null} for all
     * @return matching pods
     */
    List<PodInfo> pods(ClusterRef cluster, String namespace, String labelSelector);

    /**
     * Resolves a definition to where its next connection should go: service, selector,
     * a ready pod, and the container port behind a numbered or named remote port.
     *
     * @param config a valid definition of workload type service or pod
     * @return a ready pod and port
     * @throws KubeException naming what is missing (context, namespace, service, ready pod, port)
     */
    ResolvedTarget resolve(ForwardConfig config);

    /**
     * Watches one pod until the watch is closed.
     *
     * @param pod     the pod
     * @param watcher told when the pod goes away, turns unready, or the watch breaks
     * @return closes the watch
     */
    AutoCloseable watch(PodRef pod, PodWatcher watcher);

    /**
     * Asks the API server whether the kubeconfig's user may do something (a
     * SelfSubjectAccessReview, as {@code kubectl auth can-i}); an answer also shows that the server
     * is reachable and accepts the credentials.
     *
     * @param cluster     the cluster
     * @param namespace   where, e.g. {@code dev}
     * @param verb        e.g. {@code create}
     * @param resource    e.g. {@code pods}
     * @param subresource e.g. {@code portforward}, or {@code null}
     * @return whether the server allows it
     * @throws KubeException {@link KubeException.Reason#UNREACHABLE} when the server does not answer,
     *                       {@link KubeException.Reason#REFUSED} when it rejects the credentials
     * @since 1.5
     */
    default boolean allowed(ClusterRef cluster, String namespace, String verb, String resource, String subresource) {
        throw new KubeException(KubeException.Reason.INVALID, "this cluster access cannot check permissions", null);
    }

    /**
     * A kubeconfig context.
     *
     * @param name      context name
     * @param cluster   cluster name
     * @param namespace default namespace, or {@code null}
     * @param current   whether it is the current context
     */
    record KubeContext(String name, String cluster, String namespace, boolean current) {
    }

    /**
     * A service port.
     *
     * @param name       port name, may be {@code null}
     * @param port       service port
     * @param targetPort target port: a number or a container port name
     * @param protocol   TCP, UDP or SCTP
     */
    record ServicePort(String name, int port, String targetPort, String protocol) {
    }

    /**
     * A service.
     *
     * @param name     service name
     * @param selector pod selector, empty if none
     * @param ports    its ports
     */
    record ServiceInfo(String name, Map<String, String> selector, List<ServicePort> ports) {
    }

    /**
     * A service with its annotations.
     *
     * @param namespace   its namespace
     * @param service     name, selector and ports
     * @param annotations its metadata annotations, empty if none
     * @since 1.5
     */
    record AnnotatedService(String namespace, ServiceInfo service, Map<String, String> annotations) {
        public AnnotatedService {
            annotations = Map.copyOf(annotations);
        }
    }

    /**
     * The outcome of {@link #annotatedServices(ClusterRef, String)}.
     *
     * @param namespaces the namespaces looked at
     * @param services   their services
     * @param note       why fewer namespaces than asked were looked at (e.g. no right to list
     *                   namespaces), or {@code null}
     * @since 1.5
     */
    record ServiceListing(List<String> namespaces, List<AnnotatedService> services, String note) {
        public ServiceListing {
            namespaces = List.copyOf(namespaces);
            services = List.copyOf(services);
        }
    }

    /**
     * A pod.
     *
     * @param ref    reference
     * @param phase  status phase such as Running
     * @param ready  whether its Ready condition is true
     * @param labels its labels
     * @param ports  container port numbers by name (unnamed ports under their number)
     */
    record PodInfo(PodRef ref, String phase, boolean ready, Map<String, String> labels, Map<String, Integer> ports) {
    }

    /** Receives changes of a watched pod; called on a watch thread, must not block. */
    @FunctionalInterface
    interface PodWatcher {
        /**
         * @param pod    the pod
         * @param change what happened
         */
        void changed(PodRef pod, PodChange change);
    }

    /** What happened to a watched pod. */
    enum PodChange {
        /** It became ready again. */
        READY,
        /** It is still there but not ready. */
        NOT_READY,
        /** It was deleted. */
        DELETED,
        /** The watch broke (API server lost); state unknown until it is re-established. */
        WATCH_LOST
    }
}
