package app.kftray.kube.internal.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;

/** Whether a pod can take traffic, and which ready pod kubectl would pick first. */
final class PodReadiness {
    /** Like kubectl: ready before not ready, then the pod that has existed longest. */
    static final Comparator<Pod> PREFERRED = Comparator
            .comparing((Pod p) -> !isReady(p))
            .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp())
            .thenComparing(p -> p.getMetadata().getName());

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
