package app.kftray.emulator.http;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}, as {@code kubectl auth
 * can-i} and access checks send it. The emulator has one account, which may do everything, so
 * every well-formed review is allowed; an authenticated caller is all it takes.
 */
final class AccessReviews {
    static final String GROUP = "authorization.k8s.io";
    static final String RESOURCE = "selfsubjectaccessreviews";

    private AccessReviews() {
    }

    /**
     * @param body the review sent
     * @return the review with its status
     * @throws ApiException 400 for a body that is not a review with resource attributes
     */
    static ObjectNode answer(byte[] body) throws ApiException {
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
        status.put("allowed", true);
        status.put("reason", "the emulator's account may do everything");
        return object;
    }
}
