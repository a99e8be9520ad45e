package app.kftray.emulator.http;

import app.kftray.emulator.auth.Access;
import app.kftray.emulator.auth.Identity;
import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}, as {@code kubectl auth
 * can-i} and access checks send it, answered by the same rules as the caller's requests: the
 * emulator's own account may do everything, a namespace-scoped user only what its namespaces allow.
 */
final class AccessReviews {
    static final String GROUP = "authorization.k8s.io";
    static final String RESOURCE = "selfsubjectaccessreviews";

    private AccessReviews() {
    }

    /**
     * @param body     the review sent
     * @param identity who asks
     * @return the review with its status
     * @throws ApiException 400 for a body that is not a review with resource attributes
     */
    static ObjectNode answer(byte[] body, Identity identity) throws ApiException {
        JsonNode review;
        try {
            review = KubeObjects.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
        }
        if (!(review instanceof ObjectNode object) || !review.path("spec").path("resourceAttributes").isObject()
                && !review.path("spec").path("nonResourceAttributes").isObject()) {
            throw ApiException.badRequest("a SelfSubjectAccessReview needs spec.resourceAttributes "
                    + "or spec.nonResourceAttributes");
        }
        ObjectNode status = object.putObject("status");
        JsonNode attributes = review.path("spec").path("resourceAttributes");
        if (attributes.isMissingNode()) {
            status.put("allowed", true); // non-resource URLs (discovery, health) are open to every user
            return object;
        }
        Access access = new Access(attributes.path("verb").asText(), attributes.path("group").asText(),
                attributes.path("resource").asText(), text(attributes, "subresource"),
                text(attributes, "namespace"), text(attributes, "name"));
        try {
            access.check(identity);
            status.put("allowed", true);
        } catch (ApiException denied) {
            status.put("allowed", false);
            status.put("reason", denied.getMessage());
        }
        return object;
    }

    private static String text(JsonNode attributes, String field) {
        String value = attributes.path(field).asText("");
        return value.isEmpty() ? null : value;
    }
}
