package app.kftray.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable record of one benchmark run, written as {@code <dir>/<name>.json}: when, on what
 * machine, with which parameters, and one entry per measured variant.
 */
public final class BenchResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Map<String, Object>> results = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    public BenchResults(String name) {
        this.name = name;
    }

    /** The default output directory: {@code target/bench} under the working directory. */
    public static Path defaultDirectory() {
        return Path.of("target", "bench");
    }

    public BenchResults parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    /** One measured variant, e.g. {"variant": "direct", "mib_per_s": 812.3}. */
    public BenchResults result(Map<String, Object> entry) {
        results.add(new LinkedHashMap<>(entry));
        return this;
    }

    public BenchResults summary(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", name);
        doc.put("timestamp", Instant.now().toString());
        doc.put("environment", Map.of(
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "cpus", Runtime.getRuntime().availableProcessors()));
        doc.put("parameters", parameters);
        doc.put("results", results);
        doc.put("summary", summary);
        Path file = directory.resolve(name + ".json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }
}
