package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.api.model.Owner;
import app.kftray.api.model.WorkloadType;
import app.kftray.ui.tui.internal.StaticScreen;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The terminal UI with many saved forwards. Part one draws the whole main screen for them into a
 * Lanterna screen and shows it with a complete (not incremental) refresh, timing each redraw: on a
 * virtual terminal (drawing and Lanterna's buffers) and on an ANSI terminal writing its escape
 * sequences to a byte sink (what a real terminal receives, minus the terminal). Part two runs the
 * distribution's {@code kftray tui} in a tmux window on a home holding the same number of
 * forwards and reads its CPU time from {@code /proc} while nobody touches it.
 * Usage: {@code TuiBench [forwards] [redraws] [idle-seconds] [output-dir] [settle-seconds]}; defaults 500,
 * 300, 60, target/bench, 60: the idle TUI is measured in 10-second windows after it settled.
 * The distribution is taken from {@code -Dkftray.dist} or ../launcher/target/kftray.
 */
public final class TuiBench {
    private static final int WARM_UP = 200;
    private static final List<TerminalSize> SIZES = List.of(new TerminalSize(80, 24), new TerminalSize(200, 60));

    private TuiBench() {
    }

    /** One measured way of redrawing. */
    record Redraw(String terminal, TerminalSize size, double[] millis, long bytesPerRedraw) {
    }

    public static void main(String[] args) throws Exception {
        int forwards = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int redraws = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        int settleSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));

        List<ForwardConfig> configs = configs(forwards);
        StaticScreen frame = new StaticScreen(configs, states(configs), Map.of());
        List<Redraw> results = new ArrayList<>();
        for (TerminalSize size : SIZES) {
            results.add(measure("virtual", new DefaultVirtualTerminal(size), null, frame, redraws));
            CountingSink sink = new CountingSink();
            results.add(measure("ansi", new FixedSizeAnsiTerminal(sink, size), sink, frame, redraws));
        }
        TuiIdle.Result idle = TuiIdle.measure(dist, configs, idleSeconds, settleSeconds);
        report(results, idle, forwards, redraws, idleSeconds, out);
    }

    private static Redraw measure(String kind, Terminal terminal, CountingSink sink, StaticScreen frame, int redraws)
            throws IOException {
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        for (int i = 0; i < WARM_UP; i++) {
            redraw(screen, frame);
        }
        long bytesBefore = sink == null ? 0 : sink.count;
        double[] millis = new double[redraws];
        for (int i = 0; i < redraws; i++) {
            long begin = System.nanoTime();
            redraw(screen, frame);
            millis[i] = (System.nanoTime() - begin) / 1e6;
        }
        long bytes = sink == null ? 0 : (sink.count - bytesBefore) / redraws;
        screen.stopScreen(false);
        return new Redraw(kind, screen.getTerminalSize(), millis, bytes);
    }

    private static void redraw(Screen screen, StaticScreen frame) throws IOException {
        frame.draw(screen);
        screen.refresh(Screen.RefreshType.COMPLETE);
    }

    static List<ForwardConfig> configs(int count) {
        List<ForwardConfig> configs = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            configs.add(ForwardConfig.builder().id((long) i).alias("svc-" + i).context("ctx-" + i % 3)
                    .namespace("team-" + i % 7).workloadType(WorkloadType.SERVICE).service("svc-" + i)
                    .remotePort("80").localPort(20000 + i).build());
        }
        return configs;
    }

    /** Every other forward running, with traffic. */
    private static List<ForwardState> states(List<ForwardConfig> configs) {
        List<ForwardState> states = new ArrayList<>();
        for (ForwardConfig config : configs) {
            if (config.id() % 2 == 0) {
                states.add(new ForwardState(config.id(), ForwardStatus.RUNNING, new Owner(1, "bench"), config.alias()
                        + "-1", "127.0.0.1:" + config.localPort(), Instant.now(), null,
                        new ForwardCounters(1, config.id(), config.id() * 1000, config.id() * 10, 0), false));
            }
        }
        return states;
    }

    private static void report(List<Redraw> redraws, TuiIdle.Result idle, int forwards, int count, int idleSeconds,
                               Path out) throws IOException {
        ResultTable table = new ResultTable("terminal", "size", "median ms", "p90 ms", "max ms", "bytes/redraw");
        BenchResults json = new BenchResults("tui").parameter("forwards", forwards).parameter("redraws", count)
                .parameter("warm_up_redraws", WARM_UP).parameter("idle_seconds", idleSeconds);
        for (Redraw r : redraws) {
            double[] sorted = r.millis().clone();
            Arrays.sort(sorted);
            String size = r.size().getColumns() + "x" + r.size().getRows();
            table.row(r.terminal(), size, fmt(percentile(sorted, 50)), fmt(percentile(sorted, 90)),
                    fmt(sorted[sorted.length - 1]), r.bytesPerRedraw());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", "redraw-" + r.terminal() + "-" + size);
            entry.put("median_ms", percentile(sorted, 50));
            entry.put("p90_ms", percentile(sorted, 90));
            entry.put("min_ms", sorted[0]);
            entry.put("max_ms", sorted[sorted.length - 1]);
            entry.put("bytes_per_redraw", r.bytesPerRedraw());
            json.result(entry);
        }
        System.out.println("Full redraw of the main screen with " + forwards + " saved forwards (" + count
                + " redraws after " + WARM_UP + " warm-up)");
        table.print(System.out);
        System.out.println();
        System.out.println("Idle 'kftray tui' with " + forwards + " saved forwards: " + idle.describe());
        idle.printThreads(System.out);
        json.result(idle.asEntry());
        json.summary("worst_median_redraw_ms", redraws.stream().mapToDouble(r -> {
            double[] sorted = r.millis().clone();
            Arrays.sort(sorted);
            return percentile(sorted, 50);
        }).max().orElse(0));
        idle.median().ifPresent(cpu -> json.summary("idle_cpu_percent_median", cpu));
        System.out.println("written " + json.write(out));
    }

    static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    /** Counts what the ANSI terminal writes and drops it. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** An ANSI terminal of a known size: real escape sequences, no terminal to ask for its size. */
    private static final class FixedSizeAnsiTerminal extends ANSITerminal {
        private final TerminalSize size;

        FixedSizeAnsiTerminal(OutputStream sink, TerminalSize size) {
            super(new ByteArrayInputStream(new byte[0]), sink, StandardCharsets.UTF_8);
            this.size = size;
        }

        @Override
        protected TerminalSize findTerminalSize() {
            return size;
        }
    }

    static void writeImport(Path file, List<ForwardConfig> configs) throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (ForwardConfig c : configs) {
            json.append(json.length() > 1 ? "," : "").append(String.format(java.util.Locale.ROOT,
                    "{\"alias\":\"%s\",\"context\":\"%s\",\"namespace\":\"%s\",\"workload_type\":\"service\","
                            + "\"service\":\"%s\",\"remote_port\":80,\"local_port\":%d}",
                    c.alias(), c.context(), c.namespace(), c.service(), c.localPort()));
        }
        Files.writeString(file, json.append(']').toString());
    }
}
