package app.kftray.kube.internal.cluster;

import app.kftray.api.KubeAccess.KubeContext;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ClusterRef;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads kubeconfig files the way kubectl does: an explicit file, or {@code KUBECONFIG}
 * (several files merged), or {@code ~/.kube/config}. Credentials stay in the returned
 * in-memory configuration.
 */
final class KubeconfigLoader {
    /** kftray stores this word when a config uses the default kubeconfig. */
    private static final String DEFAULT = "default";

    private KubeconfigLoader() {
    }

    static Config load(ClusterRef cluster) {
        Config config = read(cluster.kubeconfig(), cluster.context());
        String wanted = cluster.context();
        if (wanted != null && (config.getCurrentContext() == null || !wanted.equals(config.getCurrentContext().getName()))) {
            throw new KubeException(Reason.NOT_FOUND, "context '" + wanted + "' is not in " + describe(cluster.kubeconfig())
                    + "; available: " + names(config.getContexts()), null);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new KubeException(Reason.INVALID, "no cluster server configured in " + describe(cluster.kubeconfig()), null);
        }
        useEnvironmentProxies(config);
        useProxyUrl(config);
        return config;
    }

    /**
     * {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code ALL_PROXY} and {@code NO_PROXY} (or their lower-case
     * forms) apply to every kubeconfig, as they do for kubectl; the Kubernetes client reads them only for the
     * default one. What the client took already stays.
     */
    private static void useEnvironmentProxies(Config config) {
        if (unset(config.getHttpsProxy())) {
            config.setHttpsProxy(environment("HTTPS_PROXY", "ALL_PROXY"));
        }
        if (unset(config.getHttpProxy())) {
            config.setHttpProxy(environment("HTTP_PROXY", "ALL_PROXY"));
        }
        String noProxy = environment("NO_PROXY");
        if ((config.getNoProxy() == null || config.getNoProxy().length == 0) && noProxy != null) {
            config.setNoProxy(noProxy.split(","));
        }
    }

    private static boolean unset(String value) {
        return value == null || value.isBlank();
    }

    /** @return the first of these variables that is set, upper case before lower case, or {@code null} */
    private static String environment(String... names) {
        for (String name : names) {
            for (String variant : List.of(name, name.toLowerCase(Locale.ROOT))) {
                String value = System.getenv(variant);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        return null;
    }

    /**
     * A cluster's {@code proxy-url} is used for every request, whatever the schemes and {@code NO_PROXY},
     * as kubectl uses it; fabric8 keeps an {@code http://} proxy-url for plain-http servers only.
     */
    private static void useProxyUrl(Config config) {
        File file = config.getFileWithCluster();
        if (file == null || config.getCurrentContext() == null || config.getCurrentContext().getContext() == null) {
            return;
        }
        String clusterName = config.getCurrentContext().getContext().getCluster();
        KubeConfigUtils.parseConfig(file).getClusters().stream()
                .filter(named -> named.getName().equals(clusterName) && named.getCluster() != null)
                .map(named -> named.getCluster().getProxyUrl())
                .filter(url -> url != null && !url.isBlank())
                .findFirst()
                .ifPresent(url -> {
                    config.setHttpsProxy(url);
                    config.setHttpProxy(url);
                    config.setNoProxy(null);
                });
    }

    static List<KubeContext> contexts(String kubeconfig) {
        Config config = read(kubeconfig, null);
        String current = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
        List<KubeContext> contexts = new ArrayList<>();
        for (NamedContext named : config.getContexts()) {
            contexts.add(new KubeContext(named.getName(), named.getContext().getCluster(),
                    named.getContext().getNamespace(), named.getName().equals(current)));
        }
        return contexts;
    }

    private static Config read(String kubeconfig, String context) {
        try {
            if (isDefault(kubeconfig)) {
                return Config.autoConfigure(context);
            }
            File file = new File(kubeconfig);
            if (!file.isFile() || !file.canRead()) {
                throw new KubeException(Reason.INVALID, "kubeconfig " + kubeconfig + " does not exist or is not readable", null);
            }
            return Config.fromKubeconfig(context, file);
        } catch (KubeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeException(Reason.INVALID, "cannot read " + describe(kubeconfig) + ": " + e.getMessage(), e);
        }
    }

    static boolean isDefault(String kubeconfig) {
        return kubeconfig == null || kubeconfig.isBlank() || DEFAULT.equals(kubeconfig);
    }

    private static String describe(String kubeconfig) {
        return isDefault(kubeconfig) ? "the default kubeconfig (KUBECONFIG or ~/.kube/config)" : "kubeconfig " + kubeconfig;
    }

    private static String names(List<NamedContext> contexts) {
        return contexts == null || contexts.isEmpty() ? "none"
                : contexts.stream().map(NamedContext::getName).collect(Collectors.joining(", "));
    }
}
