package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.ForwardConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes write into one database at once; nothing is lost and each hears the other. */
class TwoProcessConcurrencyTest {
    private static final int PER_PROCESS = 1000;
    private static final Pattern RESULT = Pattern.compile(
            "RESULT written=(\\d+) errors=(\\d+) locked=(\\d+) seen=(\\d+) p50=(-?\\d+) p99=(-?\\d+) max=(-?\\d+)");

    @TempDir
    Path dir;
    private final List<Process> processes = new java.util.ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoProcessesWriteAThousandDefinitionsEachAndHearEachOtherWithinASecond() throws Exception {
        Path database = Fixtures.database(dir);
        Fixtures.configStore(dir).close(); // create and migrate once, so both start from the same file
        Map<String, BlockingQueue<String>> output = new HashMap<>();
        for (String name : List.of("alpha", "beta")) {
            output.put(name, start(database, name));
        }
        for (String name : output.keySet()) {
            assertEquals("READY", awaitLine(output.get(name), "READY", 30), name + " did not start");
        }
        for (Process process : processes) {
            try (Writer go = process.outputWriter(StandardCharsets.UTF_8)) {
                go.write("GO\n");
            }
        }
        Map<String, Matcher> results = new HashMap<>();
        for (String name : output.keySet()) {
            String line = awaitLine(output.get(name), "RESULT", 120);
            assertNotNull(line, name + " reported no result");
            Matcher result = RESULT.matcher(line);
            assertTrue(result.matches(), line);
            results.put(name, result);
        }
        System.out.println("process | written | errors | locked | heard | latency p50 ms | p99 ms | max ms");
        results.forEach((name, r) -> System.out.printf("%-7s | %7s | %6s | %6s | %5s | %14s | %6s | %6s%n",
                name, r.group(1), r.group(2), r.group(3), r.group(4), r.group(5), r.group(6), r.group(7)));
        for (Matcher r : results.values()) {
            assertEquals(String.valueOf(PER_PROCESS), r.group(1));
            assertEquals("0", r.group(2));
            assertEquals("0", r.group(3));
            assertEquals(String.valueOf(PER_PROCESS), r.group(4), "every change of the other process was heard");
            assertTrue(Long.parseLong(r.group(7)) < 1000, "slowest notification took " + r.group(7) + " ms");
        }
        try (SqliteConfigStore store = Fixtures.configStore(dir)) {
            List<ForwardConfig> all = store.list();
            assertEquals(2 * PER_PROCESS, all.size());
            Map<String, Long> perWriter = all.stream()
                    .collect(Collectors.groupingBy(c -> c.alias().substring(0, c.alias().indexOf('-')), Collectors.counting()));
            assertEquals(Map.of("alpha", (long) PER_PROCESS, "beta", (long) PER_PROCESS), perWriter);
        }
    }

    private BlockingQueue<String> start(Path database, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConcurrentWriterMain.class.getName(), database.toString(), name, String.valueOf(PER_PROCESS),
                String.valueOf(PER_PROCESS))
                .redirectErrorStream(true).start();
        processes.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    lines.add(line);
                    if (line.startsWith("ERROR") || line.contains("Exception")) {
                        System.out.println(name + ": " + line);
                    }
                });
            } catch (IOException ended) {
                // the process is gone; its output ends here
            }
        }, "output-" + name);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
