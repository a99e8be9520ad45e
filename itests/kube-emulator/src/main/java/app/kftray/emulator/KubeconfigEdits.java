package app.kftray.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Changes to a kubeconfig that {@link KubeconfigWriter} wrote, for what real clusters use: a credential
 * exec plugin instead of a token, a proxy in front of the API server.
 */
public final class KubeconfigEdits {
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private KubeconfigEdits() {
    }

    /** The user of context {@code name} runs {@code command} for its credentials (and has no token). */
    public static Path useExecPlugin(Path file, String name, Path command, String apiVersion) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
        ObjectNode user = (ObjectNode) entry(config, "users", name).get("user");
        user.remove("token");
        user.putObject("exec").put("apiVersion", apiVersion).put("command", command.toString())
                .put("interactiveMode", "Never");
        return write(file, config);
    }

    /** The user of context {@code name} presents this client certificate (PEM) and key instead of a token. */
    public static Path useClientCertificate(Path file, String name, String certificatePem, String keyPem)
            throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
        ObjectNode user = (ObjectNode) entry(config, "users", name).get("user");
        user.remove("token");
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        user.put("client-certificate-data", base64.encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)))
                .put("client-key-data", base64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)));
        return write(file, config);
    }

    /** The cluster of context {@code name} is reached through the proxy at {@code proxyUrl}. */
    public static Path proxyUrl(Path file, String name, String proxyUrl) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
        ((ObjectNode) entry(config, "clusters", name).get("cluster")).put("proxy-url", proxyUrl);
        return write(file, config);
    }

    private static ObjectNode entry(ObjectNode config, String list, String name) {
        for (JsonNode entry : config.path(list)) {
            if (name.equals(entry.path("name").asText())) {
                return (ObjectNode) entry;
            }
        }
        throw new IllegalArgumentException("no " + list + " entry named " + name);
    }

    private static Path write(Path file, ObjectNode config) throws IOException {
        Files.writeString(file, YAML.writeValueAsString(config));
        return file;
    }
}
