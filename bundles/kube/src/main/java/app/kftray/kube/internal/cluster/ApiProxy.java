package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The proxy port-forward connections to an API server go through, chosen as fabric8 chooses it
 * for the cluster's other requests: the kubeconfig's {@code proxy-url}, else {@code HTTPS_PROXY}
 * (or {@code HTTP_PROXY} for a plain-http server, {@code ALL_PROXY} for both), unless the server
 * matches {@code NO_PROXY}.
 *
 * @param scheme   {@code http}, {@code https} (TLS to the proxy) or {@code socks5}
 * @param host     the proxy's host
 * @param port     the proxy's port
 * @param username user for the proxy, or {@code null}
 * @param password its password, or {@code null}
 */
public record ApiProxy(String scheme, String host, int port, String username, String password) {

    /** @return the proxy without credentials, for messages, e.g. {@code http://proxy:3128} */
    public String describe() {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * @param config the cluster's configuration
     * @param server the API server
     * @return its proxy, or {@code null} for a direct connection
     * @throws KubeException for a proxy URL that cannot be used
     */
    static ApiProxy of(Config config, URI server) {
        String url = "https".equalsIgnoreCase(server.getScheme()) ? config.getHttpsProxy() : config.getHttpProxy();
        if (url == null || url.isBlank() || NoProxy.matches(config.getNoProxy(), server.getHost())) {
            return null;
        }
        return parse(url.contains("://") ? url : "http://" + url, config);
    }

    private static ApiProxy parse(String url, Config config) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("socks5h")) {
            scheme = "socks5";
        }
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("socks5")) {
            throw invalid(url, "the scheme must be http, https or socks5");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("socks5") ? 1080 : 80;
        String username = config.getProxyUsername();
        String password = config.getProxyPassword();
        if (uri.getUserInfo() != null) {
            int colon = uri.getUserInfo().indexOf(':');
            username = colon < 0 ? uri.getUserInfo() : uri.getUserInfo().substring(0, colon);
            password = colon < 0 ? "" : uri.getUserInfo().substring(colon + 1);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new ApiProxy(scheme, host, port, username, password);
    }

    private static KubeException invalid(String url, String why) {
        String shown = url.replaceAll("//[^@/]*@", "//");
        return new KubeException(Reason.INVALID, "cannot use the proxy " + shown + ": " + why, null);
    }

    /** {@code NO_PROXY} as fabric8 and Go read it: host names with their subdomains, IP addresses and CIDR ranges. */
    static final class NoProxy {
        private NoProxy() {
        }

        static boolean matches(String[] entries, String host) {
            if (entries == null || host == null) {
                return false;
            }
            String name = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
            for (String raw : entries) {
                String entry = raw.trim().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.equals("*") || (entry.contains("/") ? inRange(entry, name)
                        : matchesName(stripPort(entry), name))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesName(String entry, String host) {
            String domain = entry.startsWith(".") ? entry.substring(1) : entry.startsWith("*.") ? entry.substring(2)
                    : entry;
            return host.equals(domain) || host.endsWith("." + domain);
        }

        private static String stripPort(String entry) {
            int colon = entry.lastIndexOf(':');
            return colon > 0 && entry.indexOf(':') == colon ? entry.substring(0, colon) : entry;
        }

        private static boolean inRange(String cidr, String host) {
            int slash = cidr.indexOf('/');
            if (slash < 0 || !isLiteral(host)) {
                return false;
            }
            try {
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                byte[] address = InetAddress.getByName(host).getAddress();
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                if (network.length != address.length || bits < 0 || bits > network.length * 8) {
                    return false;
                }
                for (int i = 0; i < bits; i++) {
                    int mask = 0x80 >> (i % 8);
                    if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException | NumberFormatException e) {
                return false;
            }
        }

        private static boolean isLiteral(String host) {
            return host.contains(":") || host.matches("[0-9.]+");
        }
    }
}
