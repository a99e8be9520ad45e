package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The credentials a port-forward connection presents, current at every dial: a token provider
 * (OIDC) is asked each time; a token from an exec plugin is renewed before its
 * {@code expirationTimestamp}, as kubectl renews it (the plugin runs again); a token file or the
 * kubeconfig's token is kept until the API server rejects it, then read afresh
 * ({@link Config#refresh()}), as fabric8's own requests do. An expired client certificate is
 * reported before any dial. Memory only. Thread-safe.
 */
public final class ApiCredentials {
    /** A token this close to its expiry is renewed before a dial: the dial itself takes time. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(2);

    private final Executor refresher;
    private final String server;
    private final ExecPlugin plugin;
    private final Clock clock;
    private volatile Config config;
    /** The exec plugin's latest token, with its expiry; {@code null} until this class ran the plugin. */
    private volatile ExecPlugin.ExecToken execToken;
    private CompletableFuture<Void> refreshing;

    /**
     * @param config    the cluster's resolved configuration
     * @param refresher runs refreshes (an exec plugin is a process; never an event loop)
     */
    ApiCredentials(Config config, Executor refresher) {
        this(config, refresher, ExecPlugin.of(config), Clock.systemUTC());
    }

    ApiCredentials(Config config, Executor refresher, ExecPlugin plugin, Clock clock) {
        this.config = config;
        this.refresher = refresher;
        this.server = config.getMasterUrl();
        this.plugin = plugin;
        this.clock = clock;
    }

    /**
     * The credentials for a dial now. An exec plugin's token that expires within
     * {@link #EXPIRY_MARGIN} (or whose expiry is not known yet: the Kubernetes client does not keep
     * it) is renewed first, so the dial needs no 401 round trip.
     *
     * @return the headers to dial with; fails naming the cause (an expired client certificate, a failing plugin)
     */
    public CompletionStage<HttpHeaders> current() {
        try {
            ClientCertificate.checkNotExpired(config, clock.instant());
        } catch (KubeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ExecPlugin.ExecToken token = execToken;
        if (plugin == null || token != null && !token.expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
            return CompletableFuture.completedFuture(headers());
        }
        return renew(token).thenApply(renewed -> headers());
    }

    /** @return the headers carrying the credentials now, empty when the cluster uses none or client certificates */
    public HttpHeaders headers() {
        HttpHeaders headers = new DefaultHttpHeaders();
        ExecPlugin.ExecToken token = execToken;
        String authorization = token != null ? "Bearer " + token.token() : authorization(config);
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
        return plugin != null ? renew(execToken) : refreshing(this::refresh);
    }

    /** Runs the exec plugin once for every caller that found {@code stale} too old; a later token is kept. */
    private synchronized CompletionStage<Void> renew(ExecPlugin.ExecToken stale) {
        if (execToken != stale) {
            return CompletableFuture.completedFuture(null);
        }
        return refreshing(() -> {
            if (execToken == stale) {
                execToken = ClusterClients.withBundleClassLoader(plugin::run); // its JSON reader is fabric8's
            }
        });
    }

    private synchronized CompletableFuture<Void> refreshing(Runnable refresh) {
        if (refreshing == null || refreshing.isDone()) {
            refreshing = CompletableFuture.runAsync(refresh, refresher);
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
