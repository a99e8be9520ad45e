package app.kftray.launcher.doctor;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.KubeContext;
import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks of every context of a kubeconfig: the API server answers, accepts the credentials, and
 * lets this user open port-forwards and create the relay's pods.
 */
final class ClusterChecks {
    private final KubeAccess kube;
    private final List<ForwardConfig> saved;

    /**
     * @param kube  cluster access
     * @param saved the saved forwards, whose namespaces are checked too
     */
    ClusterChecks(KubeAccess kube, List<ForwardConfig> saved) {
        this.kube = kube;
        this.saved = saved;
    }

    /**
     * @param kubeconfig a kubeconfig file, or {@code null} for the default (KUBECONFIG or ~/.kube/config)
     * @return the findings of the file and of each of its contexts
     */
    List<Finding> check(String kubeconfig) {
        String name = kubeconfig == null ? "the default kubeconfig" : kubeconfig;
        List<Finding> findings = new ArrayList<>();
        List<KubeContext> contexts;
        try {
            contexts = kube.contexts(kubeconfig);
        } catch (KubeException e) {
            findings.add(Finding.fail("kubeconfig", e.getMessage()));
            return findings;
        }
        if (contexts.isEmpty()) {
            findings.add(Finding.fail("kubeconfig", name + " has no contexts"));
            return findings;
        }
        String current = contexts.stream().filter(KubeContext::current).map(KubeContext::name).findFirst()
                .orElse("none");
        findings.add(Finding.ok("kubeconfig", name + ": " + contexts.size() + " context(s), current " + current));
        for (KubeContext context : contexts) {
            findings.addAll(checkContext(new ClusterRef(kubeconfig, context.name()), context));
        }
        return findings;
    }

    private List<Finding> checkContext(ClusterRef cluster, KubeContext context) {
        List<Finding> findings = new ArrayList<>();
        Set<String> namespaces = namespacesOf(cluster, context);
        String first = namespaces.iterator().next();
        try {
            kube.allowed(cluster, first, "get", "pods", null);
        } catch (KubeException e) {
            findings.add(Finding.fail("cluster", context.name() + ": " + explain(e)));
            return findings;
        }
        findings.add(Finding.ok("cluster", context.name() + ": the API server answers and accepts the credentials"));
        for (String namespace : namespaces) {
            findings.add(permission(cluster, context, namespace, "pods", "portforward", Finding.Level.FAIL,
                    "forwards to it fail"));
            findings.add(permission(cluster, context, namespace, "pods", null, Finding.Level.WARN,
                    "proxy and udp forwards, which deploy the relay pod, fail"));
        }
        return findings;
    }

    private Finding permission(ClusterRef cluster, KubeContext context, String namespace, String resource,
                               String subresource, Finding.Level denied, String consequence) {
        String what = "create " + resource + (subresource == null ? "" : "/" + subresource) + " in " + namespace;
        try {
            if (kube.allowed(cluster, namespace, "create", resource, subresource)) {
                return Finding.ok("rbac", context.name() + ": may " + what);
            }
            return new Finding(denied, "rbac", context.name() + ": may not " + what + ", so " + consequence
                    + "; ask for a Role granting it (kubectl auth can-i " + what.replace(" in ", " -n ") + ")");
        } catch (KubeException e) {
            return Finding.fail("rbac", context.name() + ": cannot check '" + what + "': " + e.getMessage());
        }
    }

    /** The context's own namespace (or default), then those of the saved forwards that use it. */
    private Set<String> namespacesOf(ClusterRef cluster, KubeContext context) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(context.namespace() == null || context.namespace().isBlank() ? "default" : context.namespace());
        for (ForwardConfig config : saved) {
            if (sameKubeconfig(config.kubeconfig(), cluster.kubeconfig())
                    && context.name().equals(config.context()) && config.namespace() != null) {
                namespaces.add(config.namespace());
            }
        }
        return namespaces;
    }

    private static boolean sameKubeconfig(String a, String b) {
        return Objects.equals(blankToNull(a), blankToNull(b));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String explain(KubeException e) {
        return switch (e.reason()) {
            case UNREACHABLE -> "the API server is not reachable (" + e.getMessage() + "); check the network, VPN "
                    + "or the server address in the kubeconfig";
            case REFUSED -> "the API server rejects the credentials (" + e.getMessage() + "); they are invalid or "
                    + "expired: log in again or refresh the kubeconfig";
            default -> e.getMessage();
        };
    }
}
