package app.kftray.kube.internal.cluster;

/** Whether a pod can take traffic. */
final class PodReadiness {
    private PodReadiness() {
    }

    static boolean isReady(PodView pod) {
        PodView.Status status = pod.getStatus();
        if (pod.getMetadata().getDeletionTimestamp() != null || status == null || !"Running".equals(status.phase())
                || status.conditions() == null) {
            return false;
        }
        return status.conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
    }
}
