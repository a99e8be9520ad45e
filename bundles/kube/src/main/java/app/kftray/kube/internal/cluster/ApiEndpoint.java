package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where and how to open raw connections to an API server: its address, TLS settings
 * and the authentication header, taken from the fabric8 configuration (memory only).
 * The port-forward transport dials with it; {@link ClusterClients} builds and caches it.
 *
 * @param server API server base URI (https or http)
 * @param tls    client TLS context, {@code null} for plain http
 * @param auth   headers carrying the credentials
 */
public record ApiEndpoint(URI server, SslContext tls, HttpHeaders auth) {

    static ApiEndpoint of(Config config) {
        URI server = URI.create(config.getMasterUrl());
        return new ApiEndpoint(server, "https".equalsIgnoreCase(server.getScheme()) ? tls(config) : null, auth(config));
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

    private static SslContext tls(Config config) {
        try {
            return new JdkSslContext(SSLUtils.sslContext(config), true, null, io.netty.handler.ssl.IdentityCipherSuiteFilter.INSTANCE,
                    null, ClientAuth.NONE, null, false);
        } catch (Exception e) {
            throw new KubeException(Reason.INVALID, "cannot set up TLS for " + config.getMasterUrl() + ": " + e.getMessage(), e);
        }
    }

    private static HttpHeaders auth(Config config) {
        HttpHeaders headers = new DefaultHttpHeaders();
        String token = config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
        if (token != null && !token.isBlank()) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        } else if (config.getUsername() != null && config.getPassword() != null) {
            String basic = config.getUsername() + ":" + config.getPassword();
            headers.set(HttpHeaderNames.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }
}
