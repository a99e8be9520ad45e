package app.kftray.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and wake-ups of each thread of a process, from Linux's {@code /proc/<pid>/task}: run time in
 * nanoseconds from {@code schedstat} (exact, unlike the clock ticks of {@code stat}) and context switches
 * from {@code status}. Threads are grouped by name, as the kernel keeps it (15 characters).
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** One thread's counters at one moment. */
    record Sample(String name, long cpuNanos, long switches) {
    }

    /** A thread name's share over a period. */
    record Share(String name, double cpuPercent, double wakeUpsPerSecond) {
    }

    /** @return the counters of every live thread, by thread id */
    static Map<String, Sample> sample(long pid) throws IOException {
        Map<String, Sample> samples = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String name = Files.readString(task.resolve("comm")).trim();
                    samples.put(task.getFileName().toString(), new Sample(name, nanos, switches));
                } catch (IOException | RuntimeException exited) {
                    // the thread ended while being read; it is left out of this sample
                }
            }
        }
        return samples;
    }

    /**
     * @param before  the first sample
     * @param after   the last sample
     * @param seconds the time between them
     * @return each thread name's CPU (percent of one core) and wake-ups per second, largest CPU first
     */
    static List<Share> shares(Map<String, Sample> before, Map<String, Sample> after, double seconds) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        after.forEach((tid, end) -> {
            Sample start = before.getOrDefault(tid, new Sample(end.name(), 0, 0));
            long[] sums = byName.computeIfAbsent(end.name(), n -> new long[2]);
            sums[0] += end.cpuNanos() - start.cpuNanos();
            sums[1] += end.switches() - start.switches();
        });
        return byName.entrySet().stream()
                .map(e -> new Share(e.getKey(), 100.0 * e.getValue()[0] / 1e9 / seconds, e.getValue()[1] / seconds))
                .sorted((a, b) -> Double.compare(b.cpuPercent(), a.cpuPercent())).toList();
    }
}
