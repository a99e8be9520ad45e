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
 * a home holding the forwards; once it shows them, it is left alone for a settling period (the JIT
 * compilers are busy with the start for a minute or so, which is not what an idle TUI costs), then the CPU
 * time of all its threads is read from {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds; the clock
 * ticks of {@code /proc/<pid>/stat} would resolve only 0.1 % in a window) at the start and end of each
 * 10-second window. The share of each thread over all windows comes from the same files, and depends least
 * on what else the machine runs; the load average is reported beside the figures.
 */
final class TuiIdle {
    private static final long WINDOW_SECONDS = 10;
    private static final long START_SECONDS = 180;
    private static final int THREADS_SHOWN = 12;

    private TuiIdle() {
    }

    /**
     * CPU percentages of one core, one per window, with each thread's share over all of them and the load
     * average before and after; empty with the reason when it could not run.
     */
    record Result(List<Double> percents, long settleSeconds, List<ThreadCpu.Share> threads, String loadBefore,
                  String loadAfter, String skipped) {
        static Result skipped(String reason) {
            return new Result(List.of(), 0, List.of(), "", "", reason);
        }

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
                    + sorted.length + " windows of " + WINDOW_SECONDS + " s after " + settleSeconds
                    + " s to settle; load average " + loadBefore + " before, " + loadAfter + " after)";
        }

        /** @param out where each thread's share goes, largest first */
        void printThreads(java.io.PrintStream out) {
            if (threads.isEmpty()) {
                return;
            }
            double total = threads.stream().mapToDouble(ThreadCpu.Share::cpuPercent).sum();
            ResultTable table = new ResultTable("thread", "CPU %", "wake-ups/s");
            threads.stream().limit(THREADS_SHOWN).forEach(t -> table.row(t.name(), TuiBench.fmt(t.cpuPercent()),
                    String.format(java.util.Locale.ROOT, "%.1f", t.wakeUpsPerSecond())));
            out.println("Its threads over all windows (" + TuiBench.fmt(total) + " % in all; /proc/<pid>/task):");
            table.print(out);
        }

        Map<String, Object> asEntry() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", "idle-kftray-tui");
            entry.put("cpu_percent_windows", percents);
            median().ifPresent(m -> entry.put("cpu_percent_median", m));
            entry.put("settle_seconds", settleSeconds);
            entry.put("load_average_before", loadBefore);
            entry.put("load_average_after", loadAfter);
            Map<String, Object> byThread = new LinkedHashMap<>();
            threads.forEach(t -> byThread.put(t.name(), Map.of("cpu_percent", t.cpuPercent(),
                    "wake_ups_per_second", t.wakeUpsPerSecond())));
            entry.put("threads", byThread);
            if (skipped != null) {
                entry.put("skipped", skipped);
            }
            return entry;
        }
    }

    static Result measure(Path dist, List<ForwardConfig> configs, int seconds, int settleSeconds) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v tmux").start().waitFor() != 0) {
            return Result.skipped("tmux is not installed");
        }
        Path work = Files.createTempDirectory("tui-bench");
        Path home = Files.createDirectories(work.resolve("home"));
        String socket = "kftray-bench-" + ProcessHandle.current().pid();
        long pid = -1;
        try (KftrayProcess kftray = new KftrayProcess(dist, home)) {
            Path file = work.resolve("configs.json");
            TuiBench.writeImport(file, configs);
            kftray.command("import", file.toString());
            tmux(socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40", "env", "KFTRAY_HOME=" + home,
                    dist.resolve("bin").resolve("kftray").toString(), "tui");
            awaitScreen(socket, configs.size() + " stopped");
            pid = Long.parseLong(tmux(socket, "display-message", "-p", "-t", "tui", "#{pane_pid}").trim());
            Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
            String loadBefore = ProcFs.loadAverage();
            Map<String, ThreadCpu.Sample> first = ThreadCpu.sample(pid);
            long start = System.nanoTime();
            Map<String, ThreadCpu.Sample> windowStart = first;
            List<Double> percents = new ArrayList<>();
            for (long done = 0; done < seconds; done += WINDOW_SECONDS) {
                long begin = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_SECONDS));
                Map<String, ThreadCpu.Sample> windowEnd = ThreadCpu.sample(pid);
                double elapsed = (System.nanoTime() - begin) / 1e9;
                percents.add(ThreadCpu.shares(windowStart, windowEnd, elapsed).stream()
                        .mapToDouble(ThreadCpu.Share::cpuPercent).sum());
                windowStart = windowEnd;
            }
            List<ThreadCpu.Share> threads = ThreadCpu.shares(first, windowStart, (System.nanoTime() - start) / 1e9);
            return new Result(percents, settleSeconds, threads, loadBefore, ProcFs.loadAverage(), null);
        } finally {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
            // the TUI removes its database's side files as it exits: the home goes once it is gone
            Optional<ProcessHandle> tui = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
            tui.ifPresent(process -> process.onExit().completeOnTimeout(process, 30, TimeUnit.SECONDS).join());
            FileTrees.delete(work);
        }
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
