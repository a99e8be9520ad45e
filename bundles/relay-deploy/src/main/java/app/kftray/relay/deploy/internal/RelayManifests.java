package app.kftray.relay.deploy.internal;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.model.ExposeOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the templates for one forward: the relay's workload (Deployment or bare pod) with its environment
 * and probe, and for an exposed port its Service, Ingress and the Secret that hands the relay its secret.
 */
final class RelayManifests {
    /** Port the relay serves on in its pod: the target of the port-forward, or the cluster side of an expose. */
    static final int RELAY_PORT = 8080;
    /** Port of the relay's health endpoint, probed by the kubelet. */
    static final int HEALTH_PORT = 8081;
    /** Reverse mode: port of the local side's streams, on the pod's loopback. */
    static final int CONTROL_PORT = 9999;
    /** Key of the relay's secret in its Kubernetes Secret. */
    static final String SECRET_KEY = "relay-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RelayTemplates templates;
    private final RelayImage image;

    RelayManifests(RelayTemplates templates, RelayImage image) {
        this.templates = templates;
        this.image = image;
    }

    /**
     * @param name   the workload's name
     * @param labels its labels, also the pod's
     * @param env    the relay's environment
     * @return the workload's manifest, a Deployment unless the settings ask for a bare pod
     */
    String workload(String name, Map<String, String> labels, List<Map<String, Object>> env) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("labels", labels);
        values.put("image", image.name());
        values.put("image_pull_secrets", image.pullSecret() == null || image.pullSecret().isBlank() ? List.of()
                : List.of(Map.of("name", image.pullSecret().trim())));
        values.put("env", env);
        values.put("relay_port", RELAY_PORT);
        values.put("readiness_probe", image.kftrayCompatible()
                ? Map.of("tcpSocket", Map.of("port", "relay"), "periodSeconds", 2)
                : Map.of("httpGet", Map.of("path", "/healthz", "port", HEALTH_PORT), "periodSeconds", 2));
        return templates.render(image.barePod() ? RelayTemplates.RELAY_POD : RelayTemplates.RELAY_DEPLOYMENT, values);
    }

    /** @return the environment of a tcp or udp relay to {@code target} */
    List<Map<String, Object>> relayEnv(RelayTarget target) {
        List<Map<String, Object>> env = new ArrayList<>();
        add(env, RelayEnvironment.REMOTE_ADDRESS, target.host());
        add(env, RelayEnvironment.REMOTE_PORT, Integer.toString(target.port()));
        add(env, RelayEnvironment.LOCAL_PORT, Integer.toString(RELAY_PORT));
        add(env, RelayEnvironment.PROXY_TYPE, target.proxyType());
        if (!image.kftrayCompatible()) {
            addHardening(env, "127.0.0.1");
        }
        return env;
    }

    /**
     * @param secretName the Kubernetes Secret holding the relay's secret
     * @return the environment of a reverse (expose) relay
     */
    List<Map<String, Object>> exposeEnv(String secretName) {
        if (image.kftrayCompatible()) {
            throw new KubeException(Reason.INVALID, "an expose workload needs this project's relay image; the kftray"
                    + "-compatible relay image (setting image_flavor = kftray) carries only udp and proxy forwards",
                    null);
        }
        List<Map<String, Object>> env = new ArrayList<>();
        add(env, RelayEnvironment.PROXY_TYPE, "reverse");
        add(env, RelayEnvironment.LOCAL_PORT, Integer.toString(RELAY_PORT));
        add(env, "RELAY_CONTROL_PORT", Integer.toString(CONTROL_PORT));
        add(env, "RELAY_CONTROL_BIND_ADDRESS", "127.0.0.1");
        env.add(Map.of("name", "RELAY_SECRET", "valueFrom",
                Map.of("secretKeyRef", Map.of("name", secretName, "key", SECRET_KEY))));
        // the cluster side must be reachable from other pods; the control port stays on loopback
        addHardening(env, "0.0.0.0");
        return env;
    }

    /** Our relay: listen address, health endpoint for the readiness probe, connection limit. */
    private static void addHardening(List<Map<String, Object>> env, String bindAddress) {
        add(env, "RELAY_BIND_ADDRESS", bindAddress);
        add(env, "RELAY_HEALTH_PORT", Integer.toString(HEALTH_PORT));
        add(env, "RELAY_HEALTH_BIND_ADDRESS", "0.0.0.0");
        add(env, "RELAY_MAX_CONNECTIONS", "512");
    }

    private static void add(List<Map<String, Object>> env, String name, String value) {
        env.add(Map.of("name", name, "value", value));
    }

    /** @return the Service in front of an expose relay */
    String service(String name, Map<String, String> labels, int port) {
        return templates.render(RelayTemplates.EXPOSE_SERVICE, Map.of("name", name, "labels", labels, "port", port));
    }

    /**
     * @param name     the Ingress's name (the Service's)
     * @param host     the host it serves (the alias)
     * @param port     the Service port
     * @param options  class, annotations and cert-manager settings
     * @param tlsName  the Secret cert-manager writes the certificate to
     * @return the Ingress of a public expose
     */
    String ingress(String name, Map<String, String> labels, String host, int port, ExposeOptions options,
                   String tlsName) {
        Map<String, String> annotations = new LinkedHashMap<>(options.ingressAnnotations());
        List<Object> tls = List.of();
        if (options.certManagerEnabled()) {
            annotations.put(ExposeOptions.ISSUER.equals(options.certIssuerKind()) ? "cert-manager.io/issuer"
                    : "cert-manager.io/cluster-issuer", options.certIssuer());
            tls = List.of(Map.of("hosts", List.of(host), "secretName", tlsName));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("labels", labels);
        values.put("annotations", annotations);
        values.put("ingress_class", options.ingressClass());
        values.put("tls", tls);
        values.put("host", host);
        values.put("service", name);
        values.put("port", port);
        return templates.render(RelayTemplates.EXPOSE_INGRESS, values);
    }

    /** @return the Secret that hands an expose relay its secret (built here: nothing in it is the user's to edit) */
    static String secret(String name, Map<String, String> labels, String secret) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", "v1");
        manifest.put("kind", "Secret");
        manifest.put("metadata", Map.of("name", name, "labels", labels));
        manifest.put("type", "Opaque");
        manifest.put("stringData", Map.of(SECRET_KEY, secret));
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
