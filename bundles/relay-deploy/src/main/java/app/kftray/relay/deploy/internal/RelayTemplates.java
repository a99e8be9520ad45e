package app.kftray.relay.deploy.internal;

import app.kftray.api.KftrayHome;
import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests kftray deploys, as YAML files the user can edit in {@code <kftray home>/relay/}. A missing
 * file is written from the built-in default (owner-only) on first use, so it is there to be edited; an
 * unreadable directory falls back to the defaults. Each {@code {{placeholder}}} is replaced by the JSON form
 * of its value, which YAML reads as the same value, so text needs no quoting rules of its own.
 */
final class RelayTemplates {
    static final String RELAY_DEPLOYMENT = "relay-deployment.yaml";
    static final String RELAY_POD = "relay-pod.yaml";
    static final String EXPOSE_SERVICE = "expose-service.yaml";
    static final String EXPOSE_INGRESS = "expose-ingress.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RelayTemplates.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    /** @param directory where the editable templates live; {@code null} for the built-in ones only */
    RelayTemplates(Path directory) {
        this.directory = directory;
    }

    /** @return the templates of the kftray home in use */
    static RelayTemplates ofHome() {
        return new RelayTemplates(KftrayHome.current().directory().resolve("relay"));
    }

    /**
     * @param template one of this class's file names
     * @param values   the placeholders' values
     * @return the manifest
     * @throws KubeException {@link Reason#INVALID} naming the file when it uses a placeholder without a value
     */
    String render(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        for (String line : text(template).split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (line.stripLeading().startsWith("#")) {
                out.append(line);
                continue;
            }
            Matcher matcher = PLACEHOLDER.matcher(line);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!values.containsKey(name)) {
                    throw new KubeException(Reason.INVALID, "the relay template " + where(template) + " uses {{" + name
                            + "}}, which kftray does not fill in; known here: " + String.join(", ", values.keySet()),
                            null);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(json(values.get(name))));
            }
            matcher.appendTail(out);
        }
        return out.toString();
    }

    private String text(String template) {
        if (directory != null) {
            Path file = directory.resolve(template);
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
                String builtIn = builtIn(template);
                writeDefault(file, builtIn);
                return builtIn;
            } catch (IOException e) {
                LOG.warn("cannot use the relay template {}: {}; using the built-in one", file, e.toString());
            }
        }
        return builtIn(template);
    }

    private void writeDefault(Path file, String text) throws IOException {
        KftrayHome.createOwnerOnly(directory);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the directory is owner-only already
        }
        LOG.info("wrote the default relay template {}; edit it to change how relays are deployed", file);
    }

    private static String builtIn(String template) {
        try (InputStream in = RelayTemplates.class.getResourceAsStream("/templates/" + template)) {
            if (in == null) {
                throw new IllegalStateException("built-in template " + template + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in template " + template, e);
        }
    }

    private String where(String template) {
        return directory == null ? template : directory.resolve(template).toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }
}
