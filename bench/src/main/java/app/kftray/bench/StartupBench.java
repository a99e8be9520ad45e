package app.kftray.bench;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the distribution as a user meets it, each time from process start (the
 * {@code kftray} script and a fresh JVM):
 * <ul>
 *   <li>{@code kftray list} to its exit: the first run (which records the class data sharing
 *       archive), later runs, and later runs with the archive switched off;</li>
 *   <li>{@code kftray --headless} until every auto-start forward has logged that it is RUNNING,
 *       each then checked with an echo round trip;</li>
 *   <li>where the CPU time until then went, by groups of threads ({@link StartupCpu});</li>
 *   <li>new-connection latency through the fresh process's first forward: its first 500 connections
 *       against 500 taken after 2000 more, when the JIT has compiled the path.</li>
 * </ul>
 * Usage: {@code StartupBench [list-runs] [headless-runs] [forwards] [output-dir]}; defaults 15, 3, 4
 * and target/bench. The distribution is {@code -Dkftray.dist}, default ../launcher/target/kftray.
 */
public final class StartupBench {
    private static final Pattern RUNNING = Pattern.compile("(\\S+): ([\\d.]+):(\\d+) -> pod (\\S+)");
    /** How long a run may take before the bench gives up; longer with -Dstartup.timeout.ms on a busy machine. */
    private static final long HEADLESS_TIMEOUT_MILLIS = Long.getLong("startup.timeout.ms", 60_000);
    private static final int COLD_CONNECTIONS = 500;
    private static final int WARMING_CONNECTIONS = 2_000;

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int listRuns = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int headlessRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int forwards = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));
        Path work = Files.createTempDirectory("startup-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start();
             KftrayProcess kftray = new KftrayProcess(dist, Files.createDirectories(work.resolve("home")))) {
            addForwards(kube, echo, kftray, work, forwards);
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            millis.put("list, first run (records the archive)", List.of(timeList(kftray, Map.of())));
            millis.put("list", repeat(listRuns, () -> timeList(kftray, Map.of())));
            millis.put("list, archive off", repeat(listRuns, () -> timeList(kftray, Map.of("KFTRAY_CDS", "off"))));
            Map<String, List<Double>> perRun = new LinkedHashMap<>();
            millis.put("--headless to " + forwards + " forwards RUNNING", repeat(headlessRuns,
                    () -> timeHeadless(kftray, work.resolve("headless.log"), forwards, perRun)));
            millis.putAll(perRun);
            report(millis, listRuns, headlessRuns, forwards, out);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void addForwards(KubeEmulator kube, EchoServer echo, KftrayProcess kftray, Path work, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            kube.namespace("startup").service("svc-" + i, Map.of("app", "app-" + i),
                            List.of(ServicePort.port(80, "http", 8080)))
                    .pod("pod-" + i, Map.of("app", "app-" + i), List.of(ContainerPort.containerPort("http", 8080)),
                            echo.address());
        }
        Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), "startup");
        for (int i = 0; i < count; i++) {
            // no archive yet: the first measured list records it
            kftray.command(Map.of("KFTRAY_CDS", "off"), "add", "--kubeconfig", kubeconfig.toString(), "--context", kube.contextName(),
                    "-n", "startup", "-t", "service", "-s", "svc-" + i, "-r", "80", "-l", "0", "-a", "fwd-" + i,
                    "--auto-start", "true");
        }
    }

    private static double timeList(KftrayProcess kftray, Map<String, String> environment) throws Exception {
        long start = System.nanoTime();
        String table = kftray.command(environment, "list");
        double elapsed = (System.nanoTime() - start) / 1e6;
        if (!table.contains("fwd-0")) {
            throw new IllegalStateException("kftray list did not list the saved forwards: " + table);
        }
        return elapsed;
    }

    /**
     * Then times new connections through the first forward: the first {@value #COLD_CONNECTIONS} of
     * the fresh process, and as many again after {@value #WARMING_CONNECTIONS} more (JIT warmed).
     *
     * @param perRun   CPU time and connection percentiles of the run, added by measure
     * @return milliseconds from process start to the last forward's RUNNING line
     */
    private static double timeHeadless(KftrayProcess kftray, Path log, int forwards,
                                       Map<String, List<Double>> perRun) throws Exception {
        Files.deleteIfExists(log);
        long start = System.nanoTime();
        kftray.startHeadless(log);
        try {
            List<Matcher> running = awaitRunning(kftray, log, forwards, start);
            double elapsed = (System.nanoTime() - start) / 1e6;
            double cpuMillis = kftray.headlessCpuSeconds() * 1000;
            perRun.computeIfAbsent("JVM CPU time to all RUNNING", k -> new ArrayList<>()).add(cpuMillis);
            StartupCpu.byGroup(ThreadCpu.sample(kftray.headlessPid()), cpuMillis).forEach((group, ms) ->
                    perRun.computeIfAbsent("  of it, " + group, k -> new ArrayList<>()).add(ms));
            InetSocketAddress first = new InetSocketAddress(running.get(0).group(2),
                    Integer.parseInt(running.get(0).group(3)));
            ConnectLatency.Result cold = ConnectLatency.measureFirst(first, COLD_CONNECTIONS);
            ConnectLatency.repeat(first, WARMING_CONNECTIONS);
            ConnectLatency.Result warm = ConnectLatency.measureFirst(first, COLD_CONNECTIONS);
            perRun.computeIfAbsent("first " + COLD_CONNECTIONS + " connections of the process, p50",
                    k -> new ArrayList<>()).add(cold.p50());
            perRun.computeIfAbsent("first " + COLD_CONNECTIONS + " connections of the process, p99",
                    k -> new ArrayList<>()).add(cold.p99());
            perRun.computeIfAbsent(COLD_CONNECTIONS + " connections after " + WARMING_CONNECTIONS + " more, p50",
                    k -> new ArrayList<>()).add(warm.p50());
            perRun.computeIfAbsent(COLD_CONNECTIONS + " connections after " + WARMING_CONNECTIONS + " more, p99",
                    k -> new ArrayList<>()).add(warm.p99());
            perRun.computeIfAbsent("first p50 / warmed p50 (ratio, not ms)", k -> new ArrayList<>())
                    .add(cold.p50() / warm.p50());
            for (Matcher line : running) {
                echoOnce(line.group(2), Integer.parseInt(line.group(3)));
            }
            return elapsed;
        } finally {
            kftray.stopHeadless();
        }
    }

    private static List<Matcher> awaitRunning(KftrayProcess kftray, Path log, int forwards, long start)
            throws Exception {
        return awaitRunning(kftray, log, forwards, start, HEADLESS_TIMEOUT_MILLIS, 2);
    }

    /**
     * @param start       when the runtime was started ({@link System#nanoTime()})
     * @param pollMillis  how often to read the log: often enough for the figure, rarely enough not to compete for CPU
     * @return the RUNNING lines (label, host, port, pod) once {@code forwards} of them are in the log
     */
    static List<Matcher> awaitRunning(KftrayProcess kftray, Path log, int forwards, long start, long timeoutMillis,
                                      long pollMillis) throws Exception {
        while (System.nanoTime() - start < timeoutMillis * 1_000_000) {
            List<Matcher> running = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        running.add(m);
                    }
                }
            }
            if (running.size() >= forwards) {
                return running;
            }
            if (!kftray.headlessAlive()) {
                throw new IllegalStateException("kftray --headless exited: " + Files.readString(log));
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("forwards not all RUNNING within " + timeoutMillis + " ms: "
                + Files.readString(log));
    }

    static void echoOnce(String host, int port) throws IOException {
        byte[] probe = "startup-bench".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream output = socket.getOutputStream();
            output.write(probe);
            output.flush();
            InputStream input = socket.getInputStream();
            if (!Arrays.equals(input.readNBytes(probe.length), probe)) {
                throw new IllegalStateException("no echo through the forward on port " + port);
            }
        }
    }

    private interface Run {
        double millis() throws Exception;
    }

    private static List<Double> repeat(int runs, Run run) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(run.millis());
        }
        return values;
    }

    private static void report(Map<String, List<Double>> millis, int listRuns, int headlessRuns, int forwards,
                               Path out) throws IOException {
        ResultTable table = new ResultTable("measure", "runs", "min ms", "median ms", "max ms");
        BenchResults results = new BenchResults("startup").parameter("list_runs", listRuns)
                .parameter("headless_runs", headlessRuns).parameter("forwards", forwards);
        millis.forEach((measure, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            double median = sorted.get(sorted.size() / 2);
            table.row(measure, sorted.size(), Throughput.format(sorted.get(0)), Throughput.format(median),
                    Throughput.format(sorted.get(sorted.size() - 1)));
            results.result(Map.of("measure", measure, "runs", sorted.size(), "min_ms", sorted.get(0),
                    "median_ms", median, "max_ms", sorted.get(sorted.size() - 1)));
        });
        table.print(System.out);
        System.out.println("results: " + results.write(out));
    }
}
