package app.kftray.launcher.helper;

import app.kftray.launcher.boot.LauncherException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes and removes the helper's files below a root: its jar, its configuration (the users it
 * serves) and its systemd unit. Installing for a second user adds that user to the same helper.
 * Starting and stopping the service is {@link SystemdService}'s job.
 */
public final class HelperInstallation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HelperFiles files;

    /** @param files where the installation goes */
    public HelperInstallation(HelperFiles files) {
        this.files = files;
    }

    /**
     * @param helperJar the distribution's helper jar
     * @param java      the {@code java} command the unit runs
     * @param uid       the user the helper is to serve
     * @return one line per file written
     */
    public List<String> install(Path helperJar, Path java, int uid) {
        if (!Files.isRegularFile(helperJar)) {
            throw new LauncherException("no helper in this distribution (" + helperJar + " is missing); build it with mvn package");
        }
        String served;
        try {
            Path jar = writable(HelperFiles.JAR);
            Files.copy(helperJar, jar, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            ObjectNode config = config(uid);
            write(HelperFiles.CONFIG, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
            served = config.get("allowed_uids").toString();
            write(HelperFiles.UNIT, HelperUnit.text(java));
        } catch (IOException e) {
            throw new LauncherException("cannot install the helper below " + files.root() + ": " + e.getMessage(), e);
        }
        return List.of("helper jar   " + files.staged(HelperFiles.JAR),
                "config       " + files.staged(HelperFiles.CONFIG) + " (serves uids " + served + ")",
                "systemd unit " + files.staged(HelperFiles.UNIT));
    }

    /** The configuration with {@code uid} among the allowed users, keeping those already there. */
    private ObjectNode config(int uid) throws IOException {
        TreeSet<Integer> uids = new TreeSet<>();
        uids.add(uid);
        Path existing = files.staged(HelperFiles.CONFIG);
        if (Files.isRegularFile(existing)) {
            JsonNode old = readConfig(existing);
            old.path("allowed_uids").forEach(known -> uids.add(known.asInt()));
        }
        ObjectNode config = JSON.createObjectNode()
                .put("socket", HelperFiles.SOCKET.toString())
                .put("hosts_file", "/etc/hosts")
                .put("state_file", HelperFiles.STATE.toString());
        ArrayNode allowed = config.putArray("allowed_uids");
        uids.forEach(allowed::add);
        return config;
    }

    private static JsonNode readConfig(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LauncherException("the helper's configuration " + file + " is not valid JSON (" + e.getMessage()
                    + "); fix or delete it and install again", e);
        }
    }

    /** @return whether the helper's jar and configuration are installed, so it can be asked to clear up */
    public boolean isInstalled() {
        return Files.isRegularFile(files.staged(HelperFiles.JAR)) && Files.isRegularFile(files.staged(HelperFiles.CONFIG));
    }

    /** @return one line per file removed */
    public List<String> uninstall() {
        List<String> removed = new ArrayList<>();
        try {
            for (Path path : List.of(HelperFiles.UNIT, HelperFiles.CONFIG, HelperFiles.JAR, HelperFiles.STATE)) {
                Path staged = files.staged(path);
                if (Files.deleteIfExists(staged)) {
                    removed.add("removed " + staged);
                }
                deleteIfEmpty(staged.getParent(), path);
            }
        } catch (IOException e) {
            throw new LauncherException("cannot remove the helper below " + files.root() + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Removes the helper's own directories (not /etc/systemd/system) once empty. */
    private static void deleteIfEmpty(Path directory, Path real) throws IOException {
        if (real.getParent().getFileName().toString().startsWith("kftray-helper") && Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(directory);
                }
            }
        }
    }

    private Path writable(Path real) throws IOException {
        Path staged = files.staged(real);
        Files.createDirectories(staged.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return staged;
    }

    private void write(Path real, String text) throws IOException {
        Path staged = writable(real);
        Files.writeString(staged, text);
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
