package app.kftray.emulator.http;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.ResourceKind;
import java.util.List;

/**
 * A request path naming resources: {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]} or the same
 * under {@code /apis/GROUP/VERSION}. {@code namespace} is null for cluster-wide requests.
 */
record ResourcePath(ResourceKind kind, String namespace, String name, String subresource) {

    /** Parses the segments after the group version ({@code rest}); 404 for anything else. */
    static ResourcePath parse(String group, String version, List<String> rest) throws ApiException {
        if (rest.isEmpty()) {
            throw ApiException.unknownResource();
        }
        boolean namespacedForm = rest.size() >= 3 && rest.get(0).equals("namespaces");
        if (!namespacedForm) {
            ResourceKind kind = kind(group, version, rest.get(0));
            if (rest.size() == 1) {
                return new ResourcePath(kind, null, null, null);
            }
            if (rest.size() == 2 && !kind.namespaced()) {
                return new ResourcePath(kind, null, rest.get(1), null);
            }
            throw ApiException.unknownResource();
        }
        ResourceKind kind = kind(group, version, rest.get(2));
        if (!kind.namespaced() || rest.size() > 5) {
            throw ApiException.unknownResource();
        }
        String name = rest.size() > 3 ? rest.get(3) : null;
        String sub = rest.size() > 4 ? rest.get(4) : null;
        return new ResourcePath(kind, rest.get(1), name, sub);
    }

    private static ResourceKind kind(String group, String version, String plural) throws ApiException {
        return ResourceKind.find(group, version, plural).orElseThrow(ApiException::unknownResource);
    }
}
