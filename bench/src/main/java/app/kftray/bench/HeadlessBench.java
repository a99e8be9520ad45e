package app.kftray.bench;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.Kubectl;
import app.kftray.emulator.KubectlPortForward;
import app.kftray.emulator.NginxServer;
import app.kftray.emulator.ServicePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution's {@code kftray --headless} as users run it, against {@code kubectl port-forward} and a direct
 * loopback connection, in one run with alternating rounds: TCP throughput and connect latency with the project's
 * own clients and with clients nobody here wrote (iperf3 for throughput, curl for request latency), CPU seconds
 * per GiB moved by the forwarding process alone and its resident memory (idle with ten forwards 45 s after start, at the peak of
 * the load, and a minute after it), all read from /proc.
 * Usage: {@code HeadlessBench [rounds] [result-name] [output-dir]}; defaults 3, headless, target/bench. JVM
 * options for kftray come from {@code KFTRAY_JAVA_OPTS} as for the script; the distribution is
 * {@code -Dkftray.dist}, default ../launcher/target/kftray.
 */
public final class HeadlessBench {
    private static final Pattern RUNNING = Pattern.compile("(\\S+): ([\\d.]+):(\\d+) -> pod (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    // a busy machine starts a JVM slowly
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(300);
    private static final int IDLE_FORWARDS = 7;
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(45);
    private static final long BULK_BYTES = 512L << 20;
    private static final long WARM_UP_BYTES = 128L << 20;
    private static final int PARALLEL = 64;
    private static final int CONNECTIONS = 1000;
    private static final int IPERF_SECONDS = 5;
    private static final int CURL_REQUESTS = 300;
    private static final String DIRECT = "direct loopback";
    private static final String KUBECTL = "kubectl port-forward";
    private static final String KFTRAY = "kftray --headless";

    private HeadlessBench() {
    }

    /** Where one path reaches the echo, iperf3 and HTTP servers, and the process that forwards (none for direct). */
    private record Path3(InetSocketAddress echo, InetSocketAddress iperf, InetSocketAddress http, List<Long> pids) {
    }

    /** One path's figures in one round. */
    record Figures(double bulk, double parallel, double iperf1, double iperf64, double p50, double p99,
                   double curlP50, double curlP99, double cpuPerGib) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String name = args.length > 1 ? args[1] : "headless";
        Path out = args.length > 2 ? Path.of(args[2]) : BenchResults.defaultDirectory();
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));
        if (!Iperf3.available() || !CurlLatency.available()) {
            throw new IllegalStateException("HeadlessBench needs iperf3 and curl (scripts/test-prerequisites.sh)");
        }
        Path work = Files.createTempDirectory("headless-bench");
        // a real web server: one that resets connections makes kubectl port-forward exit ("lost connection to pod")
        try (NginxServer http = NginxServer.start(www(work), 0); EchoServer echo = EchoServer.start();
             Iperf3 iperf = Iperf3.startServer();
             KubeEmulator kube = KubeEmulator.start();
             KftrayProcess kftray = new KftrayProcess(dist, Files.createDirectories(work.resolve("home")))) {
            Path kubeconfig = cluster(kube, echo.address(), iperf.address(), http.address(), work);
            Kubectl kubectl = new Kubectl(Kubectl.locate(), kubeconfig, work);
            addForwards(kftray, kubeconfig, kube.contextName());
            Path log = work.resolve("headless.log");
            kftray.startHeadless(log);
            Map<String, InetSocketAddress> running = awaitRunning(kftray, log, 3 + IDLE_FORWARDS);
            Map<String, Integer> targets = new LinkedHashMap<>();
            targets.put("pod/echo", 7000);
            targets.put("pod/iperf", 5201);
            targets.put("pod/http", 8080);
            try (KubectlForwards kubectlForwards = new KubectlForwards(kubectl, targets, START_TIMEOUT)) {
                long kftrayPid = kftray.headlessPid();
                long kubectlPid = kubectlForwards.running().get(0).pid();
                Path3 direct = new Path3(echo.address(), iperf.address(), http.address(), List.of());
                Path3 ours = new Path3(running.get("echo"), running.get("iperf"), running.get("http"),
                        List.of(kftrayPid));
                // idle means settled: past the runtime's first periodic collection and native-heap trim (30 s each)
                Thread.sleep(IDLE_SETTLE.toMillis());
                Map<String, Double> memory = new LinkedHashMap<>();
                memory.put("kftray_idle_mib", ProcFs.rssMib(kftrayPid));
                memory.put("kubectl_idle_mib_each", ProcFs.rssMib(kubectlPid));
                // the JVM compiles its hot paths during its first load: measured rounds start warm, for both
                for (Path3 path : List.of(ours, kubectlPath(kubectlForwards))) {
                    warmUp(path);
                }
                Map<String, List<Figures>> figures = new LinkedHashMap<>();
                try (RssSampler sampler = new RssSampler(Map.of("kftray", kftrayPid, "kubectl", kubectlPid))) {
                    for (int round = 1; round <= rounds; round++) {
                        List<String> order = round % 2 == 1 ? List.of(DIRECT, KUBECTL, KFTRAY)
                                : List.of(DIRECT, KFTRAY, KUBECTL);
                        for (String path : order) {
                            System.out.println("round " + round + ": " + path + " ...");
                            Path3 where = switch (path) {
                                case DIRECT -> direct;
                                case KFTRAY -> ours;
                                default -> kubectlPath(kubectlForwards);
                            };
                            figures.computeIfAbsent(path, p -> new ArrayList<>()).add(measureOrNothing(where));
                        }
                    }
                    memory.put("kftray_peak_mib", sampler.peak("kftray"));
                    memory.put("kubectl_peak_mib", sampler.peak("kubectl"));
                }
                System.out.println("waiting a minute after the load ...");
                Thread.sleep(60_000);
                memory.put("kftray_after_1min_mib", ProcFs.rssMib(kftrayPid));
                memory.put("kubectl_after_1min_mib", ProcessHandle.of(kubectlPid).isPresent() ? ProcFs.rssMib(kubectlPid) : Double.NaN);
                memory.put("kubectl_restarts", (double) kubectlForwards.restarts());
                report(name, rounds, figures, memory, tlsLine(log), out);
            }
        } finally {
            FileTrees.delete(work);
        }
    }

    private static Path www(Path work) throws IOException {
        Path dir = work.resolve("nginx");
        Files.writeString(Files.createDirectories(dir.resolve("www")).resolve("index.html"), "ok\n");
        return dir;
    }

    private static Path cluster(KubeEmulator kube, InetSocketAddress echo, InetSocketAddress iperf,
                                InetSocketAddress http, Path work) throws IOException {
        kube.namespace("bench")
                .service("echo", Map.of("app", "echo"), List.of(ServicePort.port(80, "tcp", 7000)))
                .pod("echo", Map.of("app", "echo"), List.of(ContainerPort.containerPort("tcp", 7000)), echo)
                .service("iperf", Map.of("app", "iperf"), List.of(ServicePort.port(5201, "tcp", 5201)))
                .pod("iperf", Map.of("app", "iperf"), List.of(ContainerPort.containerPort("tcp", 5201)), iperf)
                .service("http", Map.of("app", "http"), List.of(ServicePort.port(80, "http", 8080)))
                .pod("http", Map.of("app", "http"), List.of(ContainerPort.containerPort("http", 8080)), http);
        return kube.writeKubeconfig(work.resolve("kubeconfig"), "bench");
    }

    private static void addForwards(KftrayProcess kftray, Path kubeconfig, String context) throws Exception {
        List<String[]> forwards = new ArrayList<>(List.of(new String[] {"echo", "echo", "80"},
                new String[] {"iperf", "iperf", "5201"}, new String[] {"http", "http", "80"}));
        for (int i = 0; i < IDLE_FORWARDS; i++) {
            forwards.add(new String[] {"idle-" + i, "echo", "80"});
        }
        for (String[] f : forwards) {
            // the options under test are for the runtime, not for these one-shot commands
            kftray.command(Map.of("KFTRAY_CDS", "off", "KFTRAY_JAVA_OPTS", ""), "add", "--kubeconfig", kubeconfig.toString(), "--context",
                    context, "-n", "bench", "-t", "service", "-s", f[1], "-r", f[2], "-l", "0", "-a", f[0],
                    "--auto-start", "true");
        }
    }

    private static Map<String, InetSocketAddress> awaitRunning(KftrayProcess kftray, Path log, int count)
            throws Exception {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, InetSocketAddress> running = new LinkedHashMap<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        running.put(m.group(1), new InetSocketAddress(m.group(2), Integer.parseInt(m.group(3))));
                    }
                }
            }
            if (running.size() >= count) {
                return running;
            }
            if (!kftray.headlessAlive()) {
                throw new IllegalStateException("kftray --headless exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("forwards not all RUNNING: " + Files.readString(log));
    }

    private static String tlsLine(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("use TLS from"))
                .map(l -> l.substring(l.indexOf("use TLS from") + "use TLS from ".length())).findFirst()
                .orElse("not logged");
    }

    /** kubectl's forwards as they are now: one that exited (kubectl gives up on a reset) is started again. */
    private static Path3 kubectlPath(KubectlForwards forwards) throws Exception {
        List<KubectlPortForward> live = forwards.running();
        return new Path3(live.get(0).localAddress(), live.get(1).localAddress(), live.get(2).localAddress(),
                live.stream().map(KubectlPortForward::pid).toList());
    }

    /** A shorter pass of the same clients, whose figures are not kept. */
    private static void warmUp(Path3 path) {
        System.out.println("warming up " + path.echo() + " ...");
        try {
            Throughput.measure(path.echo(), WARM_UP_BYTES, 0);
            ParallelThroughput.measure(path.echo(), PARALLEL, WARM_UP_BYTES / PARALLEL);
            ConnectLatency.measure(path.echo(), CONNECTIONS / 2);
            CurlLatency.p50p99(path.http(), CURL_REQUESTS / 3);
        } catch (Exception e) {
            System.err.println("warm-up failed: " + e);
        }
    }

    /** A path whose forwarding process gave up (kubectl exits when a stream fails) has no figures from then on. */
    private static Figures measureOrNothing(Path3 path) throws Exception {
        try {
            return measure(path);
        } catch (IOException e) {
            System.err.println("no figures for this path in this round: " + e);
            double n = Double.NaN;
            return new Figures(n, n, n, n, n, n, n, n, n);
        }
    }

    private static Figures measure(Path3 path) throws Exception {
        double cpuBefore = cpu(path.pids());
        EchoProbe.Result bulk = Throughput.measure(path.echo(), BULK_BYTES, 0);
        EchoProbe.Result parallel = ParallelThroughput.measure(path.echo(), PARALLEL, BULK_BYTES / PARALLEL);
        Iperf3.Result one = Iperf3.run(path.iperf(), 1, IPERF_SECONDS);
        // echo payloads cross the forward twice, iperf3's once
        double gib = (4.0 * BULK_BYTES + one.bytes()) / (1L << 30);
        double cpuPerGib = path.pids().isEmpty() ? Double.NaN : (cpu(path.pids()) - cpuBefore) / gib;
        ConnectLatency.Result latency = ConnectLatency.measure(path.echo(), CONNECTIONS);
        double[] curl = CurlLatency.p50p99(path.http(), CURL_REQUESTS);
        // last: kubectl port-forward has been seen to exit under 64 iperf3 streams, which ends its figures
        Iperf3.Result many = Iperf3.run(path.iperf(), PARALLEL, IPERF_SECONDS);
        return new Figures(bulk.mibPerSecond(), parallel.mibPerSecond(), one.mibPerSecond(), many.mibPerSecond(),
                latency.p50(), latency.p99(), curl[0], curl[1], cpuPerGib);
    }

    /** @return the processes' CPU seconds so far, not a number once one of them has exited */
    private static double cpu(List<Long> pids) throws IOException {
        double sum = 0;
        for (long pid : pids) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return Double.NaN;
            }
            sum += ProcFs.cpuSeconds(pid);
        }
        return sum;
    }

    private static double median(List<Figures> rounds, ToDoubleFunction<Figures> figure) {
        // a round in which a path gave no figure does not count
        double[] values = rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void report(String name, int rounds, Map<String, List<Figures>> figures, Map<String, Double> memory,
                               String tls, Path out) throws IOException {
        Map<String, ToDoubleFunction<Figures>> columns = new LinkedHashMap<>();
        columns.put("bulk MiB/s", Figures::bulk);
        columns.put("64-way MiB/s", Figures::parallel);
        columns.put("iperf3 MiB/s", Figures::iperf1);
        columns.put("iperf3 -P64 MiB/s", Figures::iperf64);
        columns.put("connect p50 ms", Figures::p50);
        columns.put("connect p99 ms", Figures::p99);
        columns.put("curl p50 ms", Figures::curlP50);
        columns.put("curl p99 ms", Figures::curlP99);
        columns.put("CPU s/GiB", Figures::cpuPerGib);
        List<String> header = new ArrayList<>(List.of("path (median of " + rounds + ")"));
        header.addAll(columns.keySet());
        ResultTable table = new ResultTable(header.toArray(String[]::new));
        ResultTable ratio = new ResultTable(header.toArray(String[]::new));
        BenchResults json = new BenchResults(name).parameter("rounds", rounds)
                .parameter("kftray_java_opts", System.getenv().getOrDefault("KFTRAY_JAVA_OPTS", ""))
                .parameter("tunnel_tls", tls).parameter("bulk_bytes", BULK_BYTES)
                .parameter("parallel_connections", PARALLEL).parameter("connect_connections", CONNECTIONS)
                .parameter("iperf3_seconds", IPERF_SECONDS).parameter("curl_requests", CURL_REQUESTS)
                .parameter("load_average", loadAverage());
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        figures.forEach((path, list) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            columns.forEach((column, f) -> m.put(column, median(list, f)));
            medians.put(path, m);
            List<Object> row = new ArrayList<>(List.of(path));
            m.values().forEach(v -> row.add(Throughput.format(v)));
            table.row(row.toArray());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", path);
            entry.put("medians", m);
            entry.put("rounds", list);
            json.result(entry);
        });
        for (String base : List.of(KUBECTL, DIRECT)) {
            List<Object> row = new ArrayList<>(List.of("kftray / " + base));
            Map<String, Double> summary = new LinkedHashMap<>();
            columns.keySet().forEach(column -> {
                double r = medians.get(KFTRAY).get(column) / medians.get(base).get(column);
                summary.put(column, r);
                row.add(Throughput.format(r));
            });
            ratio.row(row.toArray());
            json.summary("kftray_to_" + (base.equals(KUBECTL) ? "kubectl" : "direct"), summary);
        }
        json.summary("memory_mib", memory);
        table.print(System.out);
        System.out.println();
        ratio.print(System.out);
        System.out.println();
        memory.forEach((k, v) -> System.out.println(k + ": " + Throughput.format(v)));
        System.out.println("tunnel TLS: " + tls);
        System.out.println("written " + json.write(out));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
