package app.kftray.helper.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads the helper's JSON configuration file and reports every problem in it at once. */
public final class ConfigReader {
    private static final Set<String> FIELDS = Set.of("socket", "allowed_uids", "hosts_file", "state_file");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigReader() {
    }

    /**
     * @param file the configuration file
     * @return the settings
     * @throws InvalidConfigException listing what is wrong, or why the file cannot be read
     */
    public static HelperConfig read(Path file) throws InvalidConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, List.of("not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidConfigException(file, List.of("cannot be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException(file, List.of("must hold one JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(name + ": unknown setting (known: socket, allowed_uids, hosts_file, state_file)");
            }
        }
        Path socket = absolutePath(root, "socket", problems);
        Path hosts = absolutePath(root, "hosts_file", problems);
        Path state = absolutePath(root, "state_file", problems);
        Set<Integer> uids = uids(root.get("allowed_uids"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
        return new HelperConfig(socket, uids, hosts, state);
    }

    private static Path absolutePath(JsonNode root, String field, List<String> problems) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            problems.add(field + ": missing; an absolute path is required");
            return null;
        }
        Path path = Path.of(value.textValue());
        if (!path.isAbsolute()) {
            problems.add(field + ": " + value.textValue() + " is not an absolute path");
        }
        return path;
    }

    private static Set<Integer> uids(JsonNode value, List<String> problems) {
        Set<Integer> uids = new HashSet<>();
        if (value == null || !value.isArray() || value.isEmpty()) {
            problems.add("allowed_uids: missing; a list of at least one user id is required");
            return uids;
        }
        for (JsonNode uid : value) {
            if (!uid.isIntegralNumber() || !uid.canConvertToInt() || uid.intValue() < 0) {
                problems.add("allowed_uids: " + uid + " is not a user id");
            } else {
                uids.add(uid.intValue());
            }
        }
        return uids;
    }
}
