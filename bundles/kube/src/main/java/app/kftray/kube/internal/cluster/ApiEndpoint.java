package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.concurrent.Executor;

/**
 * Where and how to open raw connections to an API server: its address, TLS settings, the
 * proxy on the way and the credentials, taken from the fabric8 configuration (memory only).
 * The port-forward transport dials with it; {@link ClusterClients} builds and caches it.
 *
 * @param server      API server base URI (https or http)
 * @param tls         client TLS context, {@code null} for plain http
 * @param credentials the credentials, current at each dial
 * @param proxy       the proxy to connect through, {@code null} for a direct connection
 */
public record ApiEndpoint(URI server, SslContext tls, ApiCredentials credentials, ApiProxy proxy) {

    static ApiEndpoint of(Config config, ApiProxy proxy, TunnelTls engine, Executor refresher) {
        URI server = URI.create(config.getMasterUrl());
        return new ApiEndpoint(server, "https".equalsIgnoreCase(server.getScheme()) ? tls(config, engine) : null,
                new ApiCredentials(config, refresher), proxy);
    }

    /** @return the API server, and the proxy in between if any, for messages */
    public String describe() {
        return proxy == null ? server.toString() : server + " through the proxy " + proxy.describe();
    }

    /** @return the API server's host name or address */
    public String host() {
        return server.getHost();
    }

    /** @return the API server's port, the scheme's default if the URI names none */
    public int port() {
        return server.getPort() > 0 ? server.getPort() : tls != null ? 443 : 80;
    }

    /**
     * @param path an API path starting with {@code /}
     * @return the WebSocket URI of that path
     */
    public URI webSocket(String path) {
        String base = server.toString().replaceFirst("/+$", "");
        return URI.create((tls != null ? "wss" : "ws") + base.substring(base.indexOf(':')) + path);
    }

    /** @return the cluster's client TLS context; fails naming the server when its certificates cannot be read */
    static SslContext tls(Config config, TunnelTls engine) {
        try {
            return engine.context(config);
        } catch (Exception e) {
            throw new KubeException(Reason.INVALID, "cannot set up TLS for " + config.getMasterUrl() + ": " + e.getMessage(), e);
        }
    }
}
