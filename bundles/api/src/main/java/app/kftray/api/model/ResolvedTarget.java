package app.kftray.api.model;

import java.util.Objects;

/**
 * Where a forward's connections go right now: a ready pod and a container port.
 *
 * @param pod  the chosen ready pod
 * @param port the port on the pod (named ports already translated)
 */
public record ResolvedTarget(PodRef pod, int port) {
    public ResolvedTarget {
        Objects.requireNonNull(pod, "pod");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return pod + ":" + port;
    }
}
