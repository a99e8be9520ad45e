package app.kftray.storage.internal;

import app.kftray.api.KftrayHome;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the storage operations the user interfaces lean on: listing 10 000 definitions
 * and writing 1 000 state updates. Prints a table and writes JSON.
 * <p>
 * Argument: the JSON file to write (for example {@code target/bench/storage.json}).
 */
public final class StorageBenchmark {
    private static final int CONFIGS = 10_000;
    private static final int UPDATES = 1_000;
    private static final int LIST_RUNS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param name       what was measured
     * @param operations how many operations one run does
     * @param runsMillis the duration of each run
     */
    private record Result(String name, int operations, double[] runsMillis) {
        double median() {
            double[] sorted = runsMillis.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double perOperationMicros() {
            return median() * 1000 / operations;
        }
    }

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "target/bench/storage.json");
        Path home = Files.createTempDirectory("kftray-bench");
        List<Result> results = new ArrayList<>();
        try {
            Path database = KftrayHome.of(home).database();
            try (SqliteConfigStore configs = new SqliteConfigStore(database, Duration.ofSeconds(5), Duration.ofMillis(200));
                 SqliteStateStore states = new SqliteStateStore(database, Duration.ofSeconds(5), Duration.ofSeconds(1),
                         Duration.ofSeconds(5), 100, new Owner(ProcessHandle.current().pid(), "bench"))) {
                String file = definitions();
                results.add(once("import 10 000 definitions (one transaction)", CONFIGS, () -> configs.importJson(file)));
                for (int i = 0; i < 3; i++) {
                    configs.list(); // warm-up
                }
                results.add(repeated("list 10 000 definitions", CONFIGS, LIST_RUNS, configs::list));
                results.add(once("1 000 state updates (counters)", UPDATES, () -> {
                    for (int i = 0; i < UPDATES; i++) {
                        states.put(state(1 + i % 50, ForwardStatus.RUNNING, i));
                    }
                }));
                results.add(once("1 000 state updates (status changes, with history)", UPDATES, () -> {
                    for (int i = 0; i < UPDATES; i++) {
                        states.put(state(1 + i % 50, i % 2 == 0 ? ForwardStatus.RECONNECTING : ForwardStatus.RUNNING, i));
                    }
                }));
                results.add(once("1 000 single creates (change log + notification)", UPDATES, () -> {
                    for (int i = 0; i < UPDATES; i++) {
                        configs.create(Fixtures.service("single-" + i, 0));
                    }
                }));
            }
        } finally {
            deleteTree(home);
        }
        print(results);
        write(output, results);
    }

    private static Result once(String name, int operations, Runnable work) {
        return repeated(name, operations, 1, work);
    }

    private static Result repeated(String name, int operations, int runs, Runnable work) {
        double[] millis = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            work.run();
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        return new Result(name, operations, millis);
    }

    private static String definitions() {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < CONFIGS; i++) {
            ObjectNode entry = array.addObject();
            entry.put("alias", "svc-" + i);
            entry.put("context", "bench");
            entry.put("namespace", "ns-" + i % 20);
            entry.put("workload_type", "service");
            entry.put("service", "svc-" + i);
            entry.put("protocol", "tcp");
            entry.put("local_port", 20_000 + i);
            entry.put("remote_port", 8080);
        }
        return array.toString();
    }

    private static ForwardState state(long configId, ForwardStatus status, long traffic) {
        return new ForwardState(configId, status, null, "pod-" + configId, "127.0.0.1:" + (20_000 + configId),
                Instant.now(), null, new ForwardCounters(1, traffic, traffic * 100, traffic * 50, 0), false);
    }

    private static void print(List<Result> results) {
        System.out.printf("%-52s | %7s | %4s | %10s | %10s | %12s%n",
                "operation", "ops", "runs", "median ms", "max ms", "per op µs");
        for (Result r : results) {
            System.out.printf("%-52s | %7d | %4d | %10.1f | %10.1f | %12.1f%n", r.name(), r.operations(),
                    r.runsMillis().length, r.median(), Arrays.stream(r.runsMillis()).max().orElse(0),
                    r.perOperationMicros());
        }
    }

    private static void write(Path output, List<Result> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", "storage");
        root.put("java", System.getProperty("java.version"));
        root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("processors", Runtime.getRuntime().availableProcessors());
        ArrayNode list = root.putArray("results");
        for (Result r : results) {
            ObjectNode node = list.addObject();
            node.put("name", r.name());
            node.put("operations", r.operations());
            node.put("median_ms", r.median());
            node.put("per_operation_us", r.perOperationMicros());
            ArrayNode runs = node.putArray("runs_ms");
            Arrays.stream(r.runsMillis()).forEach(runs::add);
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), root);
        System.out.println("Results written to " + output);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
