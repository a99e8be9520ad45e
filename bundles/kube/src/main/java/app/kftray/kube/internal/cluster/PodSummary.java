package app.kftray.kube.internal.cluster;

import app.kftray.kube.internal.cluster.PodWatch.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What choosing a pod needs of it, kept for every pod of a watched namespace: a few hundred bytes
 * instead of the whole object.
 *
 * @param name       its name
 * @param uid        its uid
 * @param labels     its labels
 * @param ready      whether it can take traffic ({@link PodReadiness#isReady})
 * @param created    its creation timestamp, or ""
 * @param namedPorts its containers' named ports
 */
record PodSummary(String name, String uid, Map<String, String> labels, boolean ready, String created,
                  Map<String, Integer> namedPorts) {
    /** Like kubectl: ready before not ready, then the pod that has existed longest. */
    static final Comparator<PodSummary> PREFERRED = Comparator.comparing((PodSummary p) -> !p.ready())
            .thenComparing(PodSummary::created).thenComparing(PodSummary::name);

    static PodSummary of(Pod pod) {
        Map<String, Integer> ports = new HashMap<>();
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                : pod.getSpec().getContainers();
        for (Container container : containers) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if (port.getName() != null) {
                    ports.putIfAbsent(port.getName(), port.getContainerPort());
                }
            }
        }
        var meta = pod.getMetadata();
        return new PodSummary(meta.getName(), meta.getUid(), meta.getLabels() == null ? Map.of() : Map.copyOf(meta.getLabels()),
                PodReadiness.isReady(pod), meta.getCreationTimestamp() == null ? "" : meta.getCreationTimestamp(),
                Map.copyOf(ports));
    }

    /** @return what a subscriber following this pod is told of it */
    PodState state() {
        return new PodState(uid, false, ready);
    }
}
