package app.kftray.emulator.store;

import java.util.List;
import java.util.Optional;

/** The resources this API server serves, with the discovery facts kubectl's REST mapper needs. */
public enum ResourceKind {
    NAMESPACES("", "v1", "namespaces", "Namespace", "namespace", false, List.of("ns"), true),
    PODS("", "v1", "pods", "Pod", "pod", true, List.of("po"), true),
    SERVICES("", "v1", "services", "Service", "service", true, List.of("svc"), true),
    ENDPOINTS("", "v1", "endpoints", "Endpoints", "endpoints", true, List.of("ep"), false),
    ENDPOINT_SLICES("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", "endpointslice", true, List.of(),
            false),
    DEPLOYMENTS("apps", "v1", "deployments", "Deployment", "deployment", true, List.of("deploy"), true),
    SECRETS("", "v1", "secrets", "Secret", "secret", true, List.of(), true),
    INGRESSES("networking.k8s.io", "v1", "ingresses", "Ingress", "ingress", true, List.of("ing"), true);

    private final String group;
    private final String version;
    private final String plural;
    private final String kind;
    private final String singular;
    private final boolean namespaced;
    private final List<String> shortNames;
    private final boolean writable;

    ResourceKind(String group, String version, String plural, String kind, String singular, boolean namespaced,
            List<String> shortNames, boolean writable) {
        this.group = group;
        this.version = version;
        this.plural = plural;
        this.kind = kind;
        this.singular = singular;
        this.namespaced = namespaced;
        this.shortNames = shortNames;
        this.writable = writable;
    }

    public static Optional<ResourceKind> find(String group, String version, String plural) {
        for (ResourceKind k : values()) {
            if (k.group.equals(group) && k.version.equals(version) && k.plural.equals(plural)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** {@code v1} for the core group, {@code group/version} otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String plural() {
        return plural;
    }

    public String kind() {
        return kind;
    }

    public String listKind() {
        return kind + "List";
    }

    public String singular() {
        return singular;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    /** Whether clients may create and delete it; endpoints follow the pods and are managed by the server. */
    public boolean writable() {
        return writable;
    }

    public List<String> verbs() {
        return writable
                ? List.of("create", "delete", "get", "list", "watch")
                : List.of("get", "list", "watch");
    }
}
