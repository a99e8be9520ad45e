package app.kftray.kube.internal.cluster;

import io.fabric8.kubernetes.api.model.Pod;

/** Whether a pod can take traffic. */
final class PodReadiness {
    private PodReadiness() {
    }

    static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
