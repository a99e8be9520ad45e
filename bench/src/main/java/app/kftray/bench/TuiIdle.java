package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CPU an idle {@code kftray tui} uses: the distribution's TUI runs in a private tmux server on
 * a home holding the forwards; once it shows them, its process's user+system CPU time is read from
 * {@code /proc/<pid>/stat} at the start and end of each 10-second window, after half a minute for the JIT
 * compilers to settle.
 */
final class TuiIdle {
    private static final long WINDOW_SECONDS = 10;
    private static final long SETTLE_SECONDS = 30;
    private static final long START_SECONDS = 180;

    private TuiIdle() {
    }

    /** CPU percentages of one core, one per window; empty with the reason when it could not run. */
    record Result(List<Double> percents, String skipped) {
        Optional<Double> median() {
            if (percents.isEmpty()) {
                return Optional.empty();
            }
            double[] sorted = percents.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return Optional.of(TuiBench.percentile(sorted, 50));
        }

        String describe() {
            if (skipped != null) {
                return "not measured: " + skipped;
            }
            double[] sorted = percents.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return "CPU median " + TuiBench.fmt(median().orElse(0.0)) + " % of one core (range "
                    + TuiBench.fmt(sorted[0]) + "-" + TuiBench.fmt(sorted[sorted.length - 1]) + " %, "
                    + sorted.length + " windows of " + WINDOW_SECONDS + " s)";
        }

        Map<String, Object> asEntry() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", "idle-kftray-tui");
            entry.put("cpu_percent_windows", percents);
            median().ifPresent(m -> entry.put("cpu_percent_median", m));
            if (skipped != null) {
                entry.put("skipped", skipped);
            }
            return entry;
        }
    }

    static Result measure(Path dist, List<ForwardConfig> configs, int seconds) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v tmux").start().waitFor() != 0) {
            return new Result(List.of(), "tmux is not installed");
        }
        Path work = Files.createTempDirectory("tui-bench");
        Path home = Files.createDirectories(work.resolve("home"));
        String socket = "kftray-bench-" + ProcessHandle.current().pid();
        try (KftrayProcess kftray = new KftrayProcess(dist, home)) {
            Path file = work.resolve("configs.json");
            TuiBench.writeImport(file, configs);
            kftray.command("import", file.toString());
            tmux(socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40", "env", "KFTRAY_HOME=" + home,
                    dist.resolve("bin").resolve("kftray").toString(), "tui");
            awaitScreen(socket, configs.size() + " stopped");
            long pid = Long.parseLong(tmux(socket, "display-message", "-p", "-t", "tui", "#{pane_pid}").trim());
            Thread.sleep(TimeUnit.SECONDS.toMillis(SETTLE_SECONDS));
            long ticksPerSecond = Long.parseLong(run("getconf", "CLK_TCK").trim());
            List<Double> percents = new ArrayList<>();
            for (long done = 0; done < seconds; done += WINDOW_SECONDS) {
                long before = cpuTicks(pid);
                long begin = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_SECONDS));
                double elapsed = (System.nanoTime() - begin) / 1e9;
                percents.add(100.0 * (cpuTicks(pid) - before) / ticksPerSecond / elapsed);
            }
            return new Result(percents, null);
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
            FileTrees.delete(work);
        }
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/pid/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void awaitScreen(String socket, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux(socket, "capture-pane", "-p", "-t", "tui");
            if (screen.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("kftray tui did not show '" + text + "' within " + START_SECONDS + " s:\n"
                + screen);
    }

    private static String tmux(String socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(Arrays.asList(args));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
