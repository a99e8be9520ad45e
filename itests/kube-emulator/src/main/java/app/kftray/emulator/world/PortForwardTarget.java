package app.kftray.emulator.world;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pod's forwarded ports lead: the pod's identity (for the kubelet-style error messages) and its
 * live port → backend map, so a backend attached after the forward started is found too.
 */
public record PortForwardTarget(String namespace, String podName, String uid,
        Map<Integer, InetSocketAddress> backends) {

    public Optional<InetSocketAddress> backend(int port) {
        return Optional.ofNullable(backends.get(port));
    }

    /** The message the kubelet writes to the error stream when forwarding fails. */
    public String forwardError(int port, String cause) {
        return "error forwarding port " + port + " to pod " + podName + ", uid " + uid + ": " + cause;
    }
}
