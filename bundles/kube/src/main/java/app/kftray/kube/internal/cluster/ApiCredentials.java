package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The credentials a port-forward connection presents, current at every dial: a token provider
 * (OIDC) is asked each time; a token from an exec plugin, a token file or the kubeconfig is kept
 * until the API server rejects it, then read afresh ({@link Config#refresh()} runs the exec plugin
 * again), as kubectl and fabric8's own requests do. Memory only. Thread-safe.
 */
public final class ApiCredentials {
    private final Executor refresher;
    private final String server;
    private volatile Config config;
    private CompletableFuture<Void> refreshing;

    /**
     * @param config    the cluster's resolved configuration
     * @param refresher runs refreshes (an exec plugin is a process; never an event loop)
     */
    ApiCredentials(Config config, Executor refresher) {
        this.config = config;
        this.refresher = refresher;
        this.server = config.getMasterUrl();
    }

    /** @return the headers carrying the credentials now, empty when the cluster uses none or client certificates */
    public HttpHeaders headers() {
        HttpHeaders headers = new DefaultHttpHeaders();
        String authorization = authorization(config);
        if (authorization != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        return headers;
    }

    /**
     * Reads the credentials again after the API server rejected {@code rejected}, unless they
     * changed since (another connection refreshed them first). Concurrent callers share one refresh.
     *
     * @param rejected the headers the server answered 401 to
     * @return completes when fresh credentials are in place; fails naming the cause (a failing exec
     *         plugin, an unreadable kubeconfig)
     */
    public synchronized CompletionStage<Void> refreshAfter(HttpHeaders rejected) {
        if (!Objects.equals(rejected.get(HttpHeaderNames.AUTHORIZATION), headers().get(HttpHeaderNames.AUTHORIZATION))) {
            return CompletableFuture.completedFuture(null);
        }
        if (refreshing == null || refreshing.isDone()) {
            refreshing = CompletableFuture.runAsync(this::refresh, refresher);
        }
        return refreshing;
    }

    private void refresh() {
        Config current = config;
        if (current.getOauthTokenProvider() != null) {
            return; // asked at every dial already
        }
        Config fresh;
        try {
            fresh = ClusterClients.withBundleClassLoader(current::refresh);
        } catch (RuntimeException e) {
            throw new KubeException(Reason.REFUSED, "cannot refresh the credentials for " + server + ": "
                    + e.getMessage(), e);
        }
        if (Objects.equals(authorization(fresh), authorization(current))) {
            throw new KubeException(Reason.REFUSED, "the API server " + server + " rejected the credentials (401) "
                    + "and refreshing them gave no new ones; check the kubeconfig user or its exec plugin", null);
        }
        config = fresh;
    }

    private static String authorization(Config config) {
        OAuthTokenProvider provider = config.getOauthTokenProvider();
        String token = provider != null ? provider.getToken()
                : config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.trim();
        }
        if (config.getUsername() != null && config.getPassword() != null) {
            String basic = config.getUsername() + ":" + config.getPassword();
            return "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
