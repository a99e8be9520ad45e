package app.kftray.protocol.socks5.internal;

import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.util.NetUtil;
import java.util.Locale;

/**
 * A CONNECT host read the way cluster DNS reads it, for a listener serving one namespace:
 * {@code web} (a service, else a pod), {@code web.dev}, {@code web.dev.svc} and
 * {@code web.dev.svc.cluster.local} (a service of namespace {@code dev}).
 *
 * @param name        service or pod name
 * @param serviceOnly whether the name can only be a service (it carried a namespace)
 */
record DestinationName(String name, boolean serviceOnly) {
    private static final String CLUSTER_DOMAIN = "svc.cluster.local";

    /**
     * @param host      the host of the request, a domain name or an IP literal
     * @param namespace the namespace the listener serves
     * @return the name to look up
     * @throws Refusal with "host unreachable" if it does not name something in {@code namespace}
     */
    static DestinationName parse(String host, String namespace) {
        String text = host.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (NetUtil.isValidIpV4Address(text) || NetUtil.isValidIpV6Address(text)) {
            throw unreachable("cannot reach IP address " + host + ": connect by service or pod name, such as web or web."
                    + namespace + ".svc (use socks5h or --socks5-hostname so the name reaches the proxy)");
        }
        String[] labels = text.split("\\.", -1);
        if (text.isEmpty() || labels[0].isEmpty()) {
            throw unreachable("'" + host + "' is not a service or pod name");
        }
        if (labels.length == 1) {
            return new DestinationName(labels[0], false);
        }
        String rest = text.substring(labels[0].length() + 1);
        String inNamespace = labels[1];
        boolean clusterForm = rest.equals(inNamespace) || rest.equals(inNamespace + ".svc")
                || rest.equals(inNamespace + "." + CLUSTER_DOMAIN);
        if (!clusterForm) {
            throw unreachable("'" + host + "' is not a cluster name; use name, name." + namespace + ", name."
                    + namespace + ".svc or name." + namespace + "." + CLUSTER_DOMAIN);
        }
        if (!inNamespace.equals(namespace)) {
            throw unreachable("'" + host + "' is in namespace '" + inNamespace + "'; this forward serves namespace '"
                    + namespace + "' only");
        }
        return new DestinationName(labels[0], true);
    }

    private static Refusal unreachable(String message) {
        return new Refusal(Socks5CommandStatus.HOST_UNREACHABLE, message);
    }
}
