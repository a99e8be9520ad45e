package app.kftray.storage.internal;

import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One of the processes of {@link TwoProcessConcurrencyTest}: writes definitions into a shared
 * database while listening for the other process's, then prints one {@code RESULT} line.
 * Each alias carries the time its write began, so a listener can tell how late it heard of it.
 * <p>
 * Arguments: database file, name, number of definitions to write, number of external
 * changes to wait for.
 */
public final class ConcurrentWriterMain {
    private ConcurrentWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        String name = args[1];
        int count = Integer.parseInt(args[2]);
        int expectedExternal = Integer.parseInt(args[3]);
        Map<Long, Long> heardAt = new ConcurrentHashMap<>();
        try (SqliteConfigStore store = new SqliteConfigStore(database, Duration.ofSeconds(5), Duration.ofMillis(200))) {
            store.addListener(change -> {
                if (change.external() && change.kind() == ConfigChange.Kind.CREATED) {
                    heardAt.put(change.configId(), System.currentTimeMillis());
                }
            });
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // "GO"
            List<String> errors = write(store, name, count);
            long deadline = System.currentTimeMillis() + 20_000;
            while (heardAt.size() < expectedExternal && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            List<Long> latencies = latencies(store.list(), heardAt);
            long locked = errors.stream().filter(e -> e.contains("locked")).count();
            System.out.println("RESULT written=" + (count - errors.size()) + " errors=" + errors.size()
                    + " locked=" + locked + " seen=" + heardAt.size() + " p50=" + percentile(latencies, 50)
                    + " p99=" + percentile(latencies, 99) + " max=" + percentile(latencies, 100));
            errors.stream().limit(5).forEach(e -> System.out.println("ERROR " + e));
        }
    }

    private static List<String> write(SqliteConfigStore store, String name, int count) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ForwardConfig config = ForwardConfig.builder().alias(name + "-" + i + "-" + System.currentTimeMillis())
                    .context("load").namespace("default").workloadType(WorkloadType.SERVICE).service("svc-" + i)
                    .remotePort(80).localPort(10_000 + i).build();
            try {
                store.create(config);
            } catch (RuntimeException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private static List<Long> latencies(List<ForwardConfig> configs, Map<Long, Long> heardAt) {
        Map<Long, ForwardConfig> byId = configs.stream().collect(Collectors.toMap(ForwardConfig::id, Function.identity()));
        List<Long> latencies = new ArrayList<>();
        heardAt.forEach((id, at) -> {
            String alias = byId.get(id).alias();
            long writtenAt = Long.parseLong(alias.substring(alias.lastIndexOf('-') + 1));
            latencies.add(at - writtenAt);
        });
        Collections.sort(latencies);
        return latencies;
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
