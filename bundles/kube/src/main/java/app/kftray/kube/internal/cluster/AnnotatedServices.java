package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess.AnnotatedService;
import app.kftray.api.KubeAccess.ServiceInfo;
import app.kftray.api.KubeAccess.ServiceListing;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lists services with their annotations in one namespace or in all the user may list. A user bound
 * to a namespace by a RoleBinding may not list namespaces (403); such a user gets the context's
 * namespace, as kubectl does, instead of an error.
 */
final class AnnotatedServices {
    private static final int FORBIDDEN = 403;

    private AnnotatedServices() {
    }

    static ServiceListing list(KubernetesClient client, String namespace, Function<Service, ServiceInfo> toInfo) {
        List<String> namespaces;
        String note = null;
        if (namespace != null) {
            namespaces = List.of(namespace);
        } else {
            try {
                namespaces = client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
            } catch (KubernetesClientException e) {
                if (e.getCode() != FORBIDDEN) {
                    throw e;
                }
                String own = client.getNamespace() == null ? "default" : client.getNamespace();
                namespaces = List.of(own);
                note = "no permission to list namespaces; looked in the context's namespace " + own;
            }
        }
        List<AnnotatedService> services = new ArrayList<>();
        for (String ns : namespaces) {
            for (Service service : client.services().inNamespace(ns).list().getItems()) {
                Map<String, String> annotations = service.getMetadata().getAnnotations();
                services.add(new AnnotatedService(ns, toInfo.apply(service), annotations == null ? Map.of() : annotations));
            }
        }
        return new ServiceListing(namespaces, services, note);
    }
}
