package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link KubeWorkloads} on the fabric8 client. */
@Component(service = KubeWorkloads.class)
public final class FabricKubeWorkloads implements KubeWorkloads {
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
        if (labelSelector == null || labelSelector.isBlank()) {
            throw new KubeException(Reason.INVALID, "refusing to delete pods in " + namespace + " without a label selector",
                    null);
        }
        LabelSelector selector = LabelSelector.parse(labelSelector);
        // one delete per pod rather than a collection delete: every API server supports it
        return clusters.call(cluster, "delete pods " + labelSelector + " in namespace " + namespace, client -> {
            var pods = client.pods().inNamespace(namespace);
            List<Pod> matching = pods.withLabels(selector.equal()).withoutLabels(selector.notEqual()).list().getItems();
            int deleted = 0;
            for (Pod pod : matching) {
                deleted += pods.withName(pod.getMetadata().getName()).withGracePeriod(0).delete().isEmpty() ? 0 : 1;
            }
            return deleted;
        });
    }

    @Override
    public boolean awaitReady(PodRef pod, Duration timeout) {
        KubernetesClient client = clusters.cluster(pod.cluster()).client();
        Pod last;
        try {
            // not through clusters.call: a readiness timeout is no sign of a lost API server
            last = KubeErrors.call("wait for pod " + pod + " to become ready", () -> client.pods()
                    .inNamespace(pod.namespace()).withName(pod.name())
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
            throw new KubeException(Reason.NOT_READY, "pod " + pod + " ended with phase " + last.getStatus().getPhase()
                    + " before it became ready", null);
        }
        return true;
    }

    private static boolean ended(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
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
