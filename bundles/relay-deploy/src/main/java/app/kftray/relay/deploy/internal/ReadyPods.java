package app.kftray.relay.deploy.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.PodInfo;
import app.kftray.api.KubeException;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import java.time.Duration;
import java.util.Optional;

/** Waits for a ready pod among those a selector picks: a Deployment's pod has a name only its controller knows. */
final class ReadyPods {
    private static final long POLL_MILLIS = 200;

    private final KubeAccess kube;

    ReadyPods(KubeAccess kube) {
        this.kube = kube;
    }

    /**
     * @return a ready pod, or empty when none became ready in time
     * @throws KubeException if the cluster cannot be asked
     */
    Optional<PodRef> await(ClusterRef cluster, String namespace, String selector, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<PodRef> ready = now(cluster, namespace, selector);
            if (ready.isPresent() || System.nanoTime() >= deadline) {
                return ready;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** @return a pod the selector picks that is ready now */
    Optional<PodRef> now(ClusterRef cluster, String namespace, String selector) {
        return kube.pods(cluster, namespace, selector).stream().filter(PodInfo::ready).map(PodInfo::ref).findFirst();
    }
}
