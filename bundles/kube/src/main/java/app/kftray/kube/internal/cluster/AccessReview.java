package app.kftray.kube.internal.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SelfSubjectAccessReview, as {@code kubectl auth can-i} sends it. The fabric8 model of the
 * authorization group is not among the bundle's model jars, so the review goes as a generic
 * resource; its kind is named here, so no discovery request is needed.
 */
final class AccessReview {
    private static final ResourceDefinitionContext KIND = new ResourceDefinitionContext.Builder()
            .withGroup("authorization.k8s.io").withVersion("v1").withKind("SelfSubjectAccessReview")
            .withPlural("selfsubjectaccessreviews").withNamespaced(false).build();

    private AccessReview() {
    }

    static boolean ask(KubernetesClient client, String namespace, String verb, String resource, String subresource) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("namespace", namespace);
        attributes.put("verb", verb);
        attributes.put("resource", resource);
        if (subresource != null) {
            attributes.put("subresource", subresource);
        }
        GenericKubernetesResource review = new GenericKubernetesResourceBuilder()
                .withApiVersion("authorization.k8s.io/v1").withKind("SelfSubjectAccessReview")
                .withNewMetadata().endMetadata()
                .addToAdditionalProperties("spec", Map.of("resourceAttributes", attributes)).build();
        GenericKubernetesResource answer = client.genericKubernetesResources(KIND).resource(review).create();
        Object status = answer.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("allowed"));
    }
}
