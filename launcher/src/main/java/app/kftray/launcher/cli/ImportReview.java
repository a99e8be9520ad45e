package app.kftray.launcher.cli;

import app.kftray.api.model.ForwardConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an imported file asks of this machine, checked before it is saved: kubeconfigs outside
 * {@code ~/.kube} or owned by someone else (their exec plugins run commands as the user),
 * listeners beyond loopback, and protocols no installed bundle provides. Each finding is a warning;
 * the first two need a confirmation when they can do harm.
 */
final class ImportReview {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A kubeconfig user that runs a program to get its credentials. */
    private static final Pattern RUNS_COMMANDS = Pattern.compile("(?m)^\\s*(exec|auth-provider)\\s*:");

    private final Path userHome;
    private final String userName;
    private final Set<String> protocols;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> kubeconfigsToTrust = new ArrayList<>();
    private final List<String> remoteListeners = new ArrayList<>();

    /**
     * @param userHome  the user's home directory
     * @param userName  the user's login name
     * @param protocols the protocols installed bundles provide
     */
    ImportReview(Path userHome, String userName, Set<String> protocols) {
        this.userHome = userHome.toAbsolutePath().normalize();
        this.userName = userName;
        this.protocols = protocols;
    }

    /**
     * @param json the file's text; what does not parse is left to the import to report
     * @return this review, holding the findings
     */
    ImportReview of(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException malformed) {
            return this;
        }
        if (root == null) {
            return this;
        }
        for (JsonNode entry : root.isArray() ? root : List.of(root)) {
            if (entry.isObject()) {
                review(entry);
            }
        }
        return this;
    }

    List<String> warnings() {
        return warnings;
    }

    /** @return forwards whose kubeconfig can run commands and is not the user's own in ~/.kube */
    List<String> kubeconfigsToTrust() {
        return kubeconfigsToTrust;
    }

    /** @return forwards that would listen beyond loopback */
    List<String> remoteListeners() {
        return remoteListeners;
    }

    private void review(JsonNode entry) {
        String name = name(entry);
        String protocol = text(entry, "protocol");
        protocol = protocol == null || protocol.isBlank() ? ForwardConfig.DEFAULT_PROTOCOL
                : protocol.trim().toLowerCase(Locale.ROOT);
        if (!protocols.contains(protocol)) {
            warnings.add("forward '" + name + "' uses protocol '" + protocol + "', which no installed bundle "
                    + "provides (installed: " + String.join(", ", new TreeSet<>(protocols)) + "); it cannot start until a bundle "
                    + "for it is copied into the deploy directory");
        }
        String address = text(entry, "local_address");
        if (address != null && !address.isBlank()) {
            ForwardConfig bind = ForwardConfig.builder().alias(name).localAddress(address.trim()).build();
            ListenerExposure.warning(bind).ifPresent(w -> {
                warnings.add(w);
                remoteListeners.add(name);
            });
        }
        String kubeconfig = text(entry, "kubeconfig");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            try {
                reviewKubeconfig(name, expand(kubeconfig.trim()));
            } catch (InvalidPathException notAPath) {
                // the import's validation reports it
            }
        }
    }

    private void reviewKubeconfig(String name, Path file) {
        List<String> concerns = new ArrayList<>();
        if (!file.startsWith(userHome.resolve(".kube"))) {
            concerns.add("is outside ~/.kube");
        }
        String owner = owner(file);
        if (owner != null && !owner.equals(userName)) {
            concerns.add("is owned by " + owner + ", not by you");
        }
        if (concerns.isEmpty()) {
            return;
        }
        boolean runsCommands = runsCommands(file);
        warnings.add("forward '" + name + "': kubeconfig " + file + " " + String.join(" and ", concerns)
                + (runsCommands ? "; it runs a credential plugin (a command) each time the forward connects" : ""));
        if (runsCommands) {
            kubeconfigsToTrust.add(name);
        }
    }

    private Path expand(String path) {
        Path file = path.equals("~") || path.startsWith("~/") ? userHome.resolve(path.substring(Math.min(2,
                path.length()))) : Path.of(path);
        return file.toAbsolutePath().normalize();
    }

    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException unknown) {
            return null;
        }
    }

    private static boolean runsCommands(Path file) {
        try {
            return Files.size(file) <= InputFile.MAX_TEXT_BYTES
                    && RUNS_COMMANDS.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).find();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String name(JsonNode entry) {
        for (String field : new String[] {"alias", "service", "target", "remote_address"}) {
            String value = text(entry, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "(no alias)";
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
