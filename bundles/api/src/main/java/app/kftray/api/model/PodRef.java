package app.kftray.api.model;

import java.util.Objects;

/**
 * A pod in a cluster.
 *
 * @param cluster   which kubeconfig and context it lives in
 * @param namespace its namespace
 * @param name      its name
 * @param uid       its uid (a restarted pod with the same name has another uid), may be {@code null}
 */
public record PodRef(ClusterRef cluster, String namespace, String name, String uid) {
    public PodRef {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
