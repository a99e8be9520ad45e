package app.kftray.emulator.http;

import app.kftray.emulator.store.KubeObjects;
import app.kftray.emulator.store.ResourceKind;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy (non-aggregated) discovery documents: kubectl reads them to map "svc", "po" and "pods" to
 * resources, fabric8 to check what the server offers.
 */
final class Discovery {
    private Discovery() {
    }

    static ObjectNode version() {
        return KubeObjects.JSON.createObjectNode().put("major", "1").put("minor", "32")
                .put("gitVersion", "v1.32.0").put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.23.0")
                .put("compiler", "gc").put("platform", "linux/amd64");
    }

    static ObjectNode apiVersions(String serverAddress) {
        ObjectNode doc = KubeObjects.JSON.createObjectNode().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return doc;
    }

    static ObjectNode groupList() {
        ObjectNode doc = KubeObjects.JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        groupNames().forEach(g -> groups.add(group(g)));
        return doc;
    }

    /** {@code /apis/<group>}, empty when the group is not served. */
    static Optional<ObjectNode> groupDocument(String group) {
        if (!groupNames().contains(group)) {
            return Optional.empty();
        }
        return Optional.of(group(group).put("kind", "APIGroup").put("apiVersion", "v1"));
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}, empty when not served. */
    static Optional<ObjectNode> resourceList(String group, String version) {
        ObjectNode doc = KubeObjects.JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceKind k : ResourceKind.values()) {
            if (k.group().equals(group) && k.version().equals(version)) {
                ObjectNode r = resources.addObject().put("name", k.plural()).put("singularName", k.singular())
                        .put("namespaced", k.namespaced()).put("kind", k.kind());
                ArrayNode verbs = r.putArray("verbs");
                k.verbs().forEach(verbs::add);
                if (!k.shortNames().isEmpty()) {
                    ArrayNode shortNames = r.putArray("shortNames");
                    k.shortNames().forEach(shortNames::add);
                }
                if (k == ResourceKind.PODS || k == ResourceKind.SERVICES) {
                    r.putArray("categories").add("all");
                }
                if (k == ResourceKind.PODS) {
                    resources.addObject().put("name", "pods/portforward").put("singularName", "")
                            .put("namespaced", true).put("kind", "PodPortForwardOptions")
                            .putArray("verbs").add("create").add("get");
                }
            }
        }
        return resources.isEmpty() ? Optional.empty() : Optional.of(doc);
    }

    private static Set<String> groupNames() {
        Set<String> groups = new LinkedHashSet<>();
        Arrays.stream(ResourceKind.values()).map(ResourceKind::group).filter(g -> !g.isEmpty()).forEach(groups::add);
        return groups;
    }

    private static ObjectNode group(String name) {
        ObjectNode g = KubeObjects.JSON.createObjectNode().put("name", name);
        ObjectNode version = KubeObjects.JSON.createObjectNode().put("groupVersion", name + "/v1").put("version", "v1");
        g.putArray("versions").add(version);
        g.set("preferredVersion", version.deepCopy());
        return g;
    }
}
