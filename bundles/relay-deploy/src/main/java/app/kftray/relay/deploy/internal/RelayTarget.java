package app.kftray.relay.deploy.internal;

import app.kftray.api.KubeAccess;
import app.kftray.api.KubeAccess.ServiceInfo;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.util.OptionalInt;

/**
 * What the relay of a forward connects to, as the relay's environment says it: a proxy
 * workload's {@code remote_address}, or a udp service's cluster DNS name (unless
 * {@code remote_address} overrides it), with the port and the proxy type.
 *
 * @param host      target host name or IP
 * @param port      target port
 * @param proxyType {@code tcp} or {@code udp}
 */
record RelayTarget(String host, int port, String proxyType) {
    static final String UDP = "udp";
    static final String TCP = "tcp";

    /**
     * @param config a proxy or udp definition
     * @param kube   to look up a named service port
     * @return the relay's target
     * @throws KubeException naming what is missing
     */
    static RelayTarget of(ForwardConfig config, KubeAccess kube) {
        String type = UDP.equals(config.protocol()) ? UDP : TCP;
        String remoteAddress = blank(config.remoteAddress()) ? null : config.remoteAddress().trim();
        if (config.workloadType() == WorkloadType.PROXY) {
            return new RelayTarget(remoteAddress, requireNumber(config), type);
        }
        if (config.workloadType() != WorkloadType.SERVICE && remoteAddress == null) {
            throw new KubeException(Reason.INVALID, "forward '" + config.displayName() + "': udp through the relay needs"
                    + " a service or a remote_address; set one of them", null);
        }
        String host = remoteAddress != null ? remoteAddress
                : config.service() + "." + config.namespace() + ".svc.cluster.local";
        OptionalInt number = config.remotePortNumber();
        int port = number.isPresent() ? number.getAsInt() : namedServicePort(config, kube);
        return new RelayTarget(host, port, type);
    }

    private static int requireNumber(ForwardConfig config) {
        return config.remotePortNumber().orElseThrow(() -> new KubeException(Reason.INVALID, "forward '"
                + config.displayName() + "': the relay needs a port number, not '" + config.remotePort() + "'", null));
    }

    private static int namedServicePort(ForwardConfig config, KubeAccess kube) {
        String wanted = config.remotePort();
        ServiceInfo service = kube.services(ClusterRef.of(config), config.namespace()).stream()
                .filter(s -> s.name().equals(config.service()))
                .findFirst()
                .orElseThrow(() -> new KubeException(Reason.NOT_FOUND, "forward '" + config.displayName()
                        + "': there is no service '" + config.service() + "' in namespace " + config.namespace(), null));
        return service.ports().stream()
                .filter(p -> wanted.equals(p.name()))
                .mapToInt(KubeAccess.ServicePort::port)
                .findFirst()
                .orElseThrow(() -> new KubeException(Reason.NOT_FOUND, "forward '" + config.displayName()
                        + "': service '" + config.service() + "' has no port named '" + wanted + "'", null));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
