package app.kftray.emulator.auth;

import java.util.Set;

/**
 * Who a request comes from: a user name and the namespaces it may use. An empty set means cluster-wide
 * rights (a cluster-admin); otherwise the user holds, in each listed namespace, what a RoleBinding to the
 * {@code edit} role gives — and nothing at the cluster scope, not even listing namespaces.
 */
public record Identity(String user, Set<String> namespaces) {
    /** The identity of the emulator's own token: every right everywhere. */
    public static final Identity ADMIN = new Identity("kubernetes-admin", Set.of());

    public Identity {
        namespaces = Set.copyOf(namespaces);
    }

    /** @return a user bound only to {@code namespaces} */
    public static Identity namespaced(String user, String... namespaces) {
        if (namespaces.length == 0) {
            throw new IllegalArgumentException("a namespaced user needs at least one namespace");
        }
        return new Identity(user, Set.of(namespaces));
    }

    public boolean clusterWide() {
        return namespaces.isEmpty();
    }
}
