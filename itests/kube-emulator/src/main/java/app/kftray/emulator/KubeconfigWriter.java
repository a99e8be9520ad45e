package app.kftray.emulator;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a kubeconfig with one cluster, user and context per {@link KubeconfigContext}; the first context is
 * the current one. Several contexts (to one or several emulators) make a multi-cluster setup.
 */
public final class KubeconfigWriter {
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private KubeconfigWriter() {
    }

    public static Path write(Path file, List<KubeconfigContext> contexts) throws IOException {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("a kubeconfig needs at least one context");
        }
        List<Object> clusters = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        List<Object> contextEntries = new ArrayList<>();
        for (KubeconfigContext c : contexts) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("server", c.server());
            if (c.caPem() != null) {
                cluster.put("certificate-authority-data",
                        base64(c.caPem()));
            }
            clusters.add(Map.of("name", c.name(), "cluster", cluster));
            Map<String, Object> user = new LinkedHashMap<>();
            if (c.token() != null) {
                user.put("token", c.token());
            }
            if (c.clientCertificate() != null) {
                user.put("client-certificate-data", base64(c.clientCertificate().certificatePem()));
                user.put("client-key-data", base64(c.clientCertificate().keyPem()));
            }
            users.add(Map.of("name", c.name(), "user", user));
            contextEntries.add(Map.of("name", c.name(),
                    "context", Map.of("cluster", c.name(), "user", c.name(), "namespace", c.namespace())));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", clusters);
        config.put("users", users);
        config.put("contexts", contextEntries);
        config.put("current-context", contexts.get(0).name());
        config.put("preferences", Map.of());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, YAML.writeValueAsString(config));
        return file;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
