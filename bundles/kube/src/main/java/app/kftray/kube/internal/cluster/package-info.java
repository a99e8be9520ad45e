/**
 * Cluster access on the embedded fabric8 client: kubeconfig files and contexts, one client per
 * cluster, listing and resolving workloads to ready pods, pod watches and API-server liveness,
 * and the {@link app.kftray.kube.internal.cluster.ApiEndpoint} the port-forward transport dials.
 * Private to the bundle.
 */
package app.kftray.kube.internal.cluster;
