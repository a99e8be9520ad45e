package app.kftray.kube.internal.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of this bundle's clients, knowing only the resource kinds kftray reads where a response
 * does not name its type in advance (watch events, lists and errors). A mapping made the client's default way
 * finds every kind of every API group the client bundles through the service loader and instantiates each,
 * about 400, each time one is made: half a second on a starting runtime. This bundle carries the models without
 * the lists that search reads (see its pom), so the mapping fabric8 makes for itself to parse kubeconfigs (its
 * static {@code Serialization}) knows no kinds, and everything else that reads resources uses this one. A kind
 * not named here is read as a generic resource, as the client reads custom resources.
 */
final class ResourceKinds {
    /** The kinds kftray reads: forwards' pods and services, namespaces, relays, expose targets, errors. */
    static final List<Class<? extends KubernetesResource>> READ = List.of(PodView.class, PodView.ListOf.class, Service.class,
            ServiceList.class, Namespace.class, NamespaceList.class, Secret.class, Event.class, Status.class,
            Deployment.class, DeploymentList.class, Ingress.class, IngressList.class);

    private ResourceKinds() {
    }

    /** @return a mapping like the client's default (Jackson 2 defaults, JDK types) with {@link #READ} registered */
    static KubernetesSerialization serialization() {
        JsonMapper mapper = JsonMapper.builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build();
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, false);
        READ.forEach(serialization::registerKubernetesResource);
        return serialization;
    }
}
