package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** {@link KubeAccess} on the fabric8 client. */
@Component(service = KubeAccess.class)
public final class FabricKubeAccess implements KubeAccess {
    /** How often clusters with watched pods are checked for a lost API server. */
    private static final long LIVENESS_INTERVAL_MS = 2000;
    private static final long LIVENESS_TIMEOUT_MS = 3000;
    /** How long following a pod waits for its first tunnel; a dial's own handshake timeout. */
    private static final long READY_WAIT_MS = 10_000;

    private final ClusterClients clusters;
    private final TargetResolver resolver;
    private final ClusterLiveness liveness;
    private final NamespacePodWatches podWatches;

    /** @param clusters the bundle's client cache */
    @Activate
    public FabricKubeAccess(@Reference ClusterClients clusters) {
        this.clusters = clusters;
        this.liveness = new ClusterLiveness(this::ask, clusters::forget, LIVENESS_INTERVAL_MS);
        this.podWatches = new NamespacePodWatches(clusters, liveness);
        this.resolver = new TargetResolver(clusters, podWatches);
    }

    @Deactivate
    void deactivate() {
        liveness.close();
    }

    @Override
    public List<KubeContext> contexts(String kubeconfig) {
        return KubeconfigLoader.contexts(kubeconfig);
    }

    /**
     * Lists the cluster's namespaces; a user who may not (namespace-scoped RBAC) gets the context's own
     * namespace instead, as kubectl and k9s fall back to it.
     */
    @Override
    public List<String> namespaces(ClusterRef cluster) {
        try {
            return clusters.call(cluster, "list namespaces", client -> names(client.namespaces().list().getItems()));
        } catch (KubeException e) {
            String own = clusters.cluster(cluster).config().getNamespace();
            if (KubeErrors.forbidden(e) && own != null && !own.isBlank()) {
                return List.of(own);
            }
            throw e;
        }
    }

    @Override
    public boolean allowed(ClusterRef cluster, String namespace, String verb, String resource, String subresource) {
        String what = "check whether it may " + verb + " " + resource + (subresource == null ? "" : "/" + subresource)
                + " in " + namespace;
        return clusters.call(cluster, what, client -> AccessReview.ask(client, namespace, verb, resource, subresource));
    }

    @Override
    public List<ServiceInfo> services(ClusterRef cluster, String namespace) {
        List<Service> services = clusters.call(cluster, "list services in " + namespace,
                client -> client.services().inNamespace(namespace).list().getItems());
        return services.stream().map(FabricKubeAccess::toInfo).toList();
    }

    @Override
    public ServiceListing annotatedServices(ClusterRef cluster, String namespace) {
        return clusters.call(cluster, namespace == null ? "list services" : "list services in " + namespace,
                client -> AnnotatedServices.list(client, namespace, FabricKubeAccess::toInfo));
    }

    @Override
    public List<PodInfo> pods(ClusterRef cluster, String namespace, String labelSelector) {
        List<PodView> pods = clusters.call(cluster, "list pods in " + namespace, client -> PodView.list(client,
                namespace, labelSelector == null || labelSelector.isBlank() ? null : LabelSelector.parse(labelSelector)));
        return pods.stream().map(p -> toInfo(cluster, p)).toList();
    }

    @Override
    public ResolvedTarget resolve(ForwardConfig config) {
        return resolver.resolve(config);
    }

    @Override
    public AutoCloseable watch(PodRef pod, PodWatcher watcher) {
        AutoCloseable subscription = podWatches.subscribe(pod, watcher);
        awaitReady(pod);
        return subscription;
    }

    /**
     * Waits (boundedly) until the transport is ready for the pod's connections, as {@code kubectl port-forward}
     * connects before it listens: the first dial of a process is slow, and its first client would wait for it.
     * Past the bound the forward runs anyway and its first client joins the dial in progress.
     */
    private void awaitReady(PodRef pod) {
        try {
            clusters.followed(pod).get(READY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException slowOrFailed) {
            // the first stream waits for the dial or reports its failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh request for {@code /version} (the client caches the parsed version, so ask the server directly). */
    private ClusterLiveness.Answer ask(ClusterRef cluster) {
        try {
            KubernetesClient client = clusters.cluster(cluster).client();
            HttpClient http = client.getHttpClient();
            HttpRequest request = http.newHttpRequestBuilder()
                    .uri(URI.create(client.getMasterUrl().toString().replaceFirst("/+$", "") + "/version")).build();
            http.sendAsync(request, String.class).get(LIVENESS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return ClusterLiveness.Answer.ANSWERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClusterLiveness.Answer.ANSWERED;
        } catch (TimeoutException e) {
            return ClusterLiveness.Answer.SLOW;
        } catch (ExecutionException | KubeException e) {
            return ClusterLiveness.Answer.FAILED;
        }
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }

    private static ServiceInfo toInfo(Service s) {
        List<ServicePort> ports = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts().stream()
                .map(p -> new ServicePort(p.getName(), p.getPort(),
                        p.getTargetPort() == null ? String.valueOf(p.getPort())
                                : p.getTargetPort().getIntVal() != null ? String.valueOf(p.getTargetPort().getIntVal())
                                : p.getTargetPort().getStrVal(),
                        p.getProtocol() == null ? "TCP" : p.getProtocol()))
                .toList();
        Map<String, String> selector = s.getSpec().getSelector() == null ? Map.of() : Map.copyOf(s.getSpec().getSelector());
        return new ServiceInfo(s.getMetadata().getName(), selector, ports);
    }

    private static PodInfo toInfo(ClusterRef cluster, PodView p) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (PodView.Port port : p.ports()) {
            ports.put(port.name() == null ? String.valueOf(port.containerPort()) : port.name(), port.containerPort());
        }
        PodRef ref = new PodRef(cluster, p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getMetadata().getUid());
        Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(p.getMetadata().getLabels());
        return new PodInfo(ref, p.phase(), PodReadiness.isReady(p), labels, ports);
    }
}
