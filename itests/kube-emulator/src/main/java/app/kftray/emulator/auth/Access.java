package app.kftray.emulator.auth;

import app.kftray.emulator.store.ApiException;

/**
 * What a request asks to do, in RBAC terms: a verb on a resource (with its API group and subresource), in a
 * namespace or at the cluster scope, optionally naming one object.
 */
public record Access(String verb, String group, String resource, String subresource, String namespace,
        String name) {

    /** @return the RBAC resource name, {@code pods/portforward} for a subresource */
    public String rbacResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /**
     * Allows {@code identity} what a cluster-admin or a namespace's {@code edit} role allows.
     *
     * @throws ApiException 403 worded as the API server words it, naming user, verb, resource and scope
     */
    public void check(Identity identity) throws ApiException {
        if (identity.clusterWide() || namespace != null && identity.namespaces().contains(namespace)) {
            return;
        }
        String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String subject = name == null ? resource : resource + " \"" + name + "\"";
        throw new ApiException(403, "Forbidden", subject + " is forbidden: User \"" + identity.user()
                + "\" cannot " + verb + " resource \"" + rbacResource() + "\" in API group \"" + group + "\" "
                + scope, name, resource);
    }
}
