package app.kftray.kube.internal.cluster;

import app.kftray.kube.internal.cluster.PodWatch.PodState;
import java.util.Comparator;
import java.util.HashMap;
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

    static PodSummary of(PodView pod) {
        Map<String, Integer> ports = new HashMap<>();
        for (PodView.Port port : pod.ports()) {
            if (port.name() != null && port.containerPort() != null) {
                ports.putIfAbsent(port.name(), port.containerPort());
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
