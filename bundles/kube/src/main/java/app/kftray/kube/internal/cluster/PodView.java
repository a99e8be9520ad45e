package app.kftray.kube.internal.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pod as kftray reads it: its metadata, its containers' ports, its phase and its conditions; the rest of
 * the JSON is skipped. Reading a whole {@code Pod} first builds deserializers for its type tree, hundreds of
 * classes, which took most of a second of a starting runtime just before its first forward could choose a
 * pod. Registered for kind Pod in {@link ResourceKinds}, so that pod watch events read as this too.
 */
@Group("")
@Version("v1")
@Kind("Pod")
@Plural("pods")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class PodView implements HasMetadata, Namespaced {
    private String apiVersion = "v1";
    private ObjectMeta metadata;
    private Spec spec;
    private Status status;

    /** The pod's specification as far as kftray reads it. @param containers its containers */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(List<Container> containers) {
    }

    /** @param ports the ports a container declares */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(List<Port> ports) {
    }

    /** @param name the port's name, or {@code null} @param containerPort its number */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(String name, Integer containerPort) {
    }

    /** @param phase Pending, Running, Succeeded, Failed or Unknown @param conditions its conditions */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String phase, List<Condition> conditions) {
    }

    /** @param type e.g. Ready @param status True, False or Unknown */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(String type, String status) {
    }

    /** A page of pods, as the API lists them; registered for kind PodList, as responses name it. */
    @Group("")
    @Version("v1")
    @Kind("PodList")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ListOf implements KubernetesResource, KubernetesResourceList<PodView> {
        private ListMeta metadata;
        private List<PodView> items = List.of();

        @Override
        public ListMeta getMetadata() {
            return metadata;
        }

        /** @param metadata the list's metadata (its resource version) */
        public void setMetadata(ListMeta metadata) {
            this.metadata = metadata;
        }

        @Override
        public List<PodView> getItems() {
            return items;
        }

        /** @param items the pods */
        public void setItems(List<PodView> items) {
            this.items = items == null ? List.of() : items;
        }
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /** @return the specification, or {@code null} */
    public Spec getSpec() {
        return spec;
    }

    /** @param spec the specification */
    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    /** @return the status, or {@code null} */
    public Status getStatus() {
        return status;
    }

    /** @param status the status */
    public void setStatus(Status status) {
        this.status = status;
    }

    /**
     * @param client    a client of this bundle
     * @param namespace a namespace
     * @return its pods, read as this view
     */
    static NonNamespaceOperation<PodView, ListOf, Resource<PodView>> in(KubernetesClient client, String namespace) {
        return client.resources(PodView.class, ListOf.class).inNamespace(namespace);
    }

    /**
     * @param client    a client of this bundle
     * @param namespace a namespace
     * @param selector  the labels they must match, or {@code null} for every pod
     * @return the namespace's pods that match
     */
    static List<PodView> list(KubernetesClient client, String namespace, LabelSelector selector) {
        var pods = in(client, namespace);
        return selector == null ? pods.list().getItems()
                : pods.withLabels(selector.equal()).withoutLabels(selector.notEqual()).list().getItems();
    }

    /** @return the containers' declared ports, in order */
    List<Port> ports() {
        if (spec == null || spec.containers() == null) {
            return List.of();
        }
        return spec.containers().stream()
                .flatMap(container -> container.ports() == null ? Stream.<Port>empty()
                        : container.ports().stream())
                .toList();
    }

    /** @return the phase, or {@code null} */
    String phase() {
        return status == null ? null : status.phase();
    }
}
