package app.kftray.bench;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * Many forwards through the real engine: the distribution's {@code kftray --headless} (Felix, the
 * engine, SQLite storage) with every forward marked auto-start, against the emulated cluster with
 * the forwards spread over several namespaces. Measured per run:
 * <ul>
 *   <li>time from process start, and from the first forward STARTING, until all logged RUNNING;</li>
 *   <li>live heap (a class histogram, which collects first) and RSS, against a runtime holding the
 *       same definitions with none started: the difference over the count is the heap each holds idle;</li>
 *   <li>pod watches the emulated API server saw open, and started, for the run;</li>
 *   <li>the API requests it served for the run, by verb and resource.</li>
 * </ul>
 * Every forward then carries one echo round trip. Runs alternate between the two runtimes; the running
 * runtime's log of each run is kept beside the results.
 * Usage: {@code EngineScaleBench [namespaces] [forwards-per-namespace] [runs] [output-dir]}; defaults
 * 10, 50, 3 and target/bench. The distribution is {@code -Dkftray.dist}, default ../launcher/target/kftray.
 */
public final class EngineScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RUNNING_TIMEOUT_MILLIS = 180_000;
    private static final long LOG_POLL_MILLIS = 50;

    private EngineScaleBench() {
    }

    /** One run's figures. */
    private record Run(double toAllRunningMs, double engineMs, long liveHeap, long baselineHeap, long rss,
                       long baselineRss, int openWatches, long startedWatches, int echoed,
                       Map<String, Long> requests) {
        long requestTotal() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perNamespace = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        int count = namespaces * perNamespace;
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));
        Path work = Files.createTempDirectory("engine-scale-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start();
             KftrayProcess running = new KftrayProcess(dist, Files.createDirectories(work.resolve("running")));
             KftrayProcess idle = new KftrayProcess(dist, Files.createDirectories(work.resolve("idle")))) {
            declare(kube, echo, namespaces, perNamespace);
            Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), "scale-0");
            importForwards(running, work.resolve("running.json"), kube, kubeconfig, namespaces, perNamespace, true);
            importForwards(idle, work.resolve("idle.json"), kube, kubeconfig, namespaces, perNamespace, false);
            List<Run> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long[] baseline = idleFootprint(idle, work.resolve("idle.log"));
                results.add(runAll(running, kube, work.resolve("running.log"), count, baseline));
                // the runtime's own log of the run, with the timestamps of every forward's transitions
                Files.copy(work.resolve("running.log"), Files.createDirectories(out)
                        .resolve("engine-scale-run-" + (r + 1) + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
            report(results, namespaces, count, out);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void declare(KubeEmulator kube, EchoServer echo, int namespaces, int perNamespace) {
        for (int n = 0; n < namespaces; n++) {
            var namespace = kube.namespace("scale-" + n);
            for (int i = 0; i < perNamespace; i++) {
                namespace.service("svc-" + i, Map.of("app", "app-" + i), List.of(ServicePort.port(80, "http", 8080)))
                        .pod("pod-" + i, Map.of("app", "app-" + i), List.of(ContainerPort.containerPort("http", 8080)),
                                echo.address());
            }
        }
    }

    private static void importForwards(KftrayProcess kftray, Path file, KubeEmulator kube, Path kubeconfig,
                                       int namespaces, int perNamespace, boolean autoStart) throws Exception {
        ArrayNode configs = JSON.createArrayNode();
        for (int n = 0; n < namespaces; n++) {
            for (int i = 0; i < perNamespace; i++) {
                configs.addObject().put("alias", "f-" + n + "-" + i).put("namespace", "scale-" + n)
                        .put("workload_type", "service").put("service", "svc-" + i).put("remote_port", "80")
                        .put("protocol", "tcp").put("local_port", 0).put("context", kube.contextName())
                        .put("kubeconfig", kubeconfig.toString()).put("auto_start", autoStart);
            }
        }
        Files.writeString(file, JSON.writeValueAsString(configs));
        kftray.command("import", "--trust-kubeconfig", file.toString());
    }

    /** @return live heap and RSS of a runtime that holds the definitions but starts none */
    private static long[] idleFootprint(KftrayProcess kftray, Path log) throws Exception {
        Files.deleteIfExists(log);
        long start = System.nanoTime();
        kftray.startHeadless(log);
        try {
            awaitLine(kftray, log, "started (headless)", start);
            TimeUnit.SECONDS.sleep(2);
            return new long[] {liveHeap(kftray.headlessPid()), rss(kftray.headlessPid())};
        } finally {
            kftray.stopHeadless();
        }
    }

    private static Run runAll(KftrayProcess kftray, KubeEmulator kube, Path log, int count, long[] baseline)
            throws Exception {
        Files.deleteIfExists(log);
        long watchesBefore = kube.podWatchesStarted();
        Map<String, Long> requestsBefore = kube.requestCounts();
        long start = System.nanoTime();
        kftray.startHeadless(log);
        try {
            List<Matcher> running = StartupBench.awaitRunning(kftray, log, count, start, RUNNING_TIMEOUT_MILLIS,
                    LOG_POLL_MILLIS);
            double toAllRunning = (System.nanoTime() - start) / 1e6;
            double engine = engineMillis(Files.readAllLines(log, StandardCharsets.UTF_8));
            TimeUnit.SECONDS.sleep(2);
            long heap = liveHeap(kftray.headlessPid());
            long rss = rss(kftray.headlessPid());
            int openWatches = kube.openPodWatches();
            long startedWatches = kube.podWatchesStarted() - watchesBefore;
            Map<String, Long> requests = new TreeMap<>();
            kube.requestCounts().forEach((key, served) -> {
                long delta = served - requestsBefore.getOrDefault(key, 0L);
                if (delta > 0) {
                    requests.put(key, delta);
                }
            });
            int echoed = 0;
            for (Matcher line : running) {
                StartupBench.echoOnce(line.group(2), Integer.parseInt(line.group(3)));
                echoed++;
            }
            return new Run(toAllRunning, engine, heap, baseline[0], rss, baseline[1], openWatches, startedWatches,
                    echoed, requests);
        } finally {
            kftray.stopHeadless();
        }
    }

    /** @return milliseconds from the first STARTING line to the last RUNNING line, by their timestamps */
    private static double engineMillis(List<String> lines) {
        Instant first = null;
        Instant last = null;
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            Instant at;
            try {
                at = Instant.parse(line.substring(0, space));
            } catch (RuntimeException notTimestamped) {
                continue;
            }
            if (first == null && line.endsWith(" STARTING")) {
                first = at;
            }
            if (line.contains(" -> pod ") && (last == null || at.isAfter(last))) {
                last = at;
            }
        }
        return first == null || last == null ? Double.NaN : (last.toEpochMilli() - first.toEpochMilli());
    }

    private static void awaitLine(KftrayProcess kftray, Path log, String text, long start) throws Exception {
        while (System.nanoTime() - start < RUNNING_TIMEOUT_MILLIS * 1_000_000) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!kftray.headlessAlive()) {
                throw new IllegalStateException("kftray --headless exited: " + Files.readString(log));
            }
            Thread.sleep(LOG_POLL_MILLIS);
        }
        throw new IllegalStateException("no '" + text + "' within " + RUNNING_TIMEOUT_MILLIS + " ms");
    }

    /** @return bytes of live objects: a class histogram collects before it counts */
    private static long liveHeap(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException("no total in the class histogram of " + pid + ": " + output);
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static void report(List<Run> runs, int namespaces, int count, Path out) throws IOException {
        ResultTable table = new ResultTable("run", "start to all RUNNING s", "first STARTING to all RUNNING s",
                "live heap MiB", "idle-runtime heap MiB", "KiB/forward", "RSS MiB", "idle-runtime RSS MiB",
                "pod watches open", "pod watches started", "API requests", "echo ok");
        BenchResults results = new BenchResults("engine-scale").parameter("forwards", count)
                .parameter("namespaces", namespaces)
                .parameter("measured", "kftray --headless with all forwards auto-start, against one with the same"
                        + " definitions and none started; live heap from a class histogram");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double perForwardKiB = (r.liveHeap() - r.baselineHeap()) / 1024.0 / count;
            table.row(i + 1, Throughput.format(r.toAllRunningMs() / 1000), Throughput.format(r.engineMs() / 1000),
                    mib(r.liveHeap()), mib(r.baselineHeap()), Throughput.format(perForwardKiB), mib(r.rss()),
                    mib(r.baselineRss()), r.openWatches(), r.startedWatches(), r.requestTotal(), r.echoed() + "/" + count);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("run", i + 1);
            entry.put("start_to_all_running_ms", r.toAllRunningMs());
            entry.put("first_starting_to_all_running_ms", r.engineMs());
            entry.put("live_heap_bytes", r.liveHeap());
            entry.put("idle_runtime_live_heap_bytes", r.baselineHeap());
            entry.put("heap_per_forward_kib", perForwardKiB);
            entry.put("rss_bytes", r.rss());
            entry.put("idle_runtime_rss_bytes", r.baselineRss());
            entry.put("pod_watches_open", r.openWatches());
            entry.put("pod_watches_started", r.startedWatches());
            entry.put("api_requests", r.requests());
            entry.put("echo_ok", r.echoed());
            results.result(entry);
        }
        table.print(System.out);
        for (int i = 0; i < runs.size(); i++) {
            System.out.println("run " + (i + 1) + " API requests: " + runs.get(i).requests());
        }
        System.out.println("results: " + results.write(out));
    }

    private static String mib(long bytes) {
        return Throughput.format(bytes / 1048576.0);
    }
}
