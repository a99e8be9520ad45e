package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link KubeWorkloads} on the fabric8 client. */
@Component(service = KubeWorkloads.class)
public final class FabricKubeWorkloads implements KubeWorkloads {
    /** The kinds kftray's manifests create, by "apiVersion/kind"; any other is created as a generic resource. */
    private static final Map<String, Class<? extends HasMetadata>> MANIFEST_TYPES = Stream.of(Pod.class,
                    Service.class, Secret.class, Deployment.class, Ingress.class)
            .collect(Collectors.toUnmodifiableMap(type -> HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type),
                    type -> type));

    private final ClusterClients clusters;

    /** @param clusters the bundle's client cache */
    @Activate
    public FabricKubeWorkloads(@Reference ClusterClients clusters) {
        this.clusters = clusters;
    }

    @Override
    public PodRef createPod(ClusterRef cluster, PodSpec spec) {
        Pod created = clusters.call(cluster, "create pod " + spec.name() + " in namespace " + spec.namespace(),
                client -> client.pods().inNamespace(spec.namespace()).resource(manifest(spec)).create());
        return new PodRef(cluster, spec.namespace(), created.getMetadata().getName(), created.getMetadata().getUid());
    }

    @Override
    public int deletePods(ClusterRef cluster, String namespace, String labelSelector) {
        return delete(cluster, namespace, ObjectKind.POD, labelSelector);
    }

    @Override
    public String create(ClusterRef cluster, String namespace, String manifest) {
        HasMetadata object;
        try {
            object = read(manifest);
        } catch (RuntimeException e) {
            throw new KubeException(Reason.INVALID, "cannot read the manifest: " + e.getMessage(), e);
        }
        if (object == null || object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new KubeException(Reason.INVALID, "the manifest names no object (metadata.name is missing)", null);
        }
        String what = object.getKind() + " " + object.getMetadata().getName();
        HasMetadata created = clusters.call(cluster, "create " + what + " in namespace " + namespace,
                client -> client.resource(object).inNamespace(namespace).create());
        return created.getMetadata().getName();
    }

    /**
     * Reads a manifest whole: the clients' mapping reads pods as {@link PodView}, which keeps only what kftray
     * reads of them, so the kinds a manifest creates are read as their full types by name.
     */
    static HasMetadata read(String manifest) {
        KubernetesSerialization json = ClusterClients.serialization();
        GenericKubernetesResource generic = json.unmarshal(manifest, GenericKubernetesResource.class);
        if (generic == null) {
            return null;
        }
        Class<? extends HasMetadata> type = MANIFEST_TYPES.get(generic.getApiVersion() + "/" + generic.getKind());
        return type == null ? generic : json.convertValue(generic, type);
    }

    @Override
    public int delete(ClusterRef cluster, String namespace, ObjectKind kind, String labelSelector) {
        String plural = kind.name().toLowerCase(Locale.ROOT) + "s";
        if (labelSelector == null || labelSelector.isBlank()) {
            throw new KubeException(Reason.INVALID, "refusing to delete " + plural + " in " + namespace
                    + " without a label selector", null);
        }
        LabelSelector selector = LabelSelector.parse(labelSelector);
        return clusters.call(cluster, "delete " + plural + " " + labelSelector + " in namespace " + namespace,
                client -> deleteMatching(client.resources(type(kind)), namespace, selector));
    }

    /** One delete per object rather than a collection delete: every API server supports it. */
    private static <T extends HasMetadata> int deleteMatching(
            MixedOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> objects, String namespace,
            LabelSelector selector) {
        var inNamespace = objects.inNamespace(namespace);
        List<T> matching = inNamespace.withLabels(selector.equal()).withoutLabels(selector.notEqual()).list().getItems();
        int deleted = 0;
        for (T object : matching) {
            deleted += inNamespace.withName(object.getMetadata().getName()).withGracePeriod(0).delete().isEmpty() ? 0 : 1;
        }
        return deleted;
    }

    private static Class<? extends HasMetadata> type(ObjectKind kind) {
        return switch (kind) {
            case POD -> Pod.class;
            case DEPLOYMENT -> Deployment.class;
            case SERVICE -> Service.class;
            case INGRESS -> Ingress.class;
            case SECRET -> Secret.class;
        };
    }

    @Override
    public boolean awaitReady(PodRef pod, Duration timeout) {
        KubernetesClient client = clusters.cluster(pod.cluster()).client();
        PodView last;
        try {
            // not through clusters.call: a readiness timeout is no sign of a lost API server
            last = KubeErrors.call("wait for pod " + pod + " to become ready", () -> PodView.in(client, pod.namespace())
                    .withName(pod.name())
                    .waitUntilCondition(p -> p == null || PodReadiness.isReady(p) || ended(p),
                            timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (KubeException e) {
            if (e.getCause() instanceof KubernetesClientTimeoutException) {
                return false;
            }
            throw e;
        }
        if (last == null || (pod.uid() != null && !pod.uid().equals(last.getMetadata().getUid()))) {
            throw new KubeException(Reason.NOT_FOUND, "pod " + pod + " was deleted while waiting for it to become ready",
                    null);
        }
        if (ended(last)) {
            throw new KubeException(Reason.NOT_READY, "pod " + pod + " ended with phase " + last.phase()
                    + " before it became ready", null);
        }
        return true;
    }

    private static boolean ended(PodView pod) {
        String phase = pod.phase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    private static Pod manifest(PodSpec spec) {
        List<EnvVar> env = new TreeMap<>(spec.env()).entrySet().stream()
                .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
                .toList();
        return new PodBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace())
                .withLabels(Map.copyOf(spec.labels())).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(spec.image()).withEnv(env)
                .addNewPort().withContainerPort(spec.containerPort()).withProtocol("TCP").endPort()
                .endContainer().endSpec()
                .build();
    }
}
