package app.kftray.bench;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.KubeWorkloads;
import app.kftray.api.KubeWorkloads.PodSpec;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.relay.server.EnvironmentConfig;
import java.time.Duration;
import java.util.Map;

/**
 * A relay pod deployed through the API server as kftray's relay bundle deploys one (the relay
 * reads its target from the same environment variables), so that port-forwards to it reach the
 * real relay. Which pod to run and when is control plane; only the data path is measured.
 */
final class RelayPod {
    /** The port the relay listens on in its pod. */
    static final int PORT = 8080;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private RelayPod() {
    }

    /**
     * @param workloads creates the pod
     * @param cluster   where
     * @param namespace the pod's namespace
     * @param name      the pod's name
     * @param proxyType {@code udp} or {@code tcp}
     * @param host      the relay's target host (a cluster DNS name or an address)
     * @param port      the relay's target port
     * @return the ready pod and its relay port
     */
    static ResolvedTarget deploy(KubeWorkloads workloads, ClusterRef cluster, String namespace, String name,
                                 String proxyType, String host, int port) {
        PodSpec spec = new PodSpec(namespace, name, "kftray-relay", Map.of("app", name),
                Map.of(EnvironmentConfig.REMOTE_ADDRESS, host, EnvironmentConfig.REMOTE_PORT, Integer.toString(port),
                        EnvironmentConfig.LOCAL_PORT, Integer.toString(PORT), EnvironmentConfig.PROXY_TYPE, proxyType),
                PORT);
        PodRef pod = workloads.createPod(cluster, spec);
        if (!workloads.awaitReady(pod, READY_TIMEOUT)) {
            throw new KubeException(Reason.NOT_READY, "relay pod " + pod + " was not ready within "
                    + READY_TIMEOUT.toSeconds() + " s", null);
        }
        return new ResolvedTarget(pod, PORT);
    }
}
