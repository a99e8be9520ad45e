package app.kftray.bench;

import app.kftray.bench.LoopbackCapture.Segment;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.Kubectl;
import app.kftray.emulator.ServicePort;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.function.Predicate;

/**
 * Where a new connection's time goes, for {@code kftray --headless} and {@code kubectl port-forward} on the
 * same emulated cluster: the loopback segments of each connection of the project's latency client (connect,
 * one byte, its echo) are captured with the kernel's timestamps, from the client's SYN to the echo reaching
 * it, and cut into steps ({@link #STEPS}): the byte reaching the forward, the stream open it sends on the
 * tunnel, the reply, the data frame, the byte reaching the pod, its answer and the way back. Each step is the
 * median over the connections of a round; the table gives the median of the rounds and their range. Alternating rounds; each also
 * times connections with the capture off (the capture costs CPU on a small machine).
 * Usage: {@code ConnectTimelineBench [rounds] [connections] [output-dir]}; defaults 5, 300, target/bench.
 * The distribution is {@code -Dkftray.dist}, default ../launcher/target/kftray; {@code -Dkftray.baseline.dist}
 * adds another build (e.g. the one before a change) to the same rounds. Needs root (a packet socket) and python3.
 */
public final class ConnectTimelineBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long RUNNING_TIMEOUT_MILLIS = 300_000;
    private static final int WARM_UP = 3_000;
    private static final int UNCAPTURED = 1_000;
    private static final String KUBECTL = "kubectl port-forward";
    private static final String KFTRAY = "kftray --headless";
    private static final String BASELINE = "kftray --headless, baseline build";

    private ConnectTimelineBench() {
    }

    /** The ports that tell a connection's segments apart. */
    private record Ports(int listener, int apiServer, int pod) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path out = args.length > 2 ? Path.of(args[2]) : BenchResults.defaultDirectory();
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));
        if (!LoopbackCapture.available()) {
            throw new IllegalStateException("ConnectTimelineBench needs python3 and root (a packet socket)");
        }
        Path work = Files.createTempDirectory("timeline-bench");
        String baseline = System.getProperty("kftray.baseline.dist");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start();
             KftrayProcess kftray = new KftrayProcess(dist, Files.createDirectories(work.resolve("home")));
             KftrayProcess before = baseline == null ? null
                     : new KftrayProcess(Path.of(baseline), Files.createDirectories(work.resolve("baseline-home")))) {
            kube.namespace("bench")
                    .service("echo", Map.of("app", "echo"), List.of(ServicePort.port(80, "tcp", 7000)))
                    .pod("echo", Map.of("app", "echo"), List.of(ContainerPort.containerPort("tcp", 7000)),
                            echo.address());
            Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), "bench");
            Map<String, InetSocketAddress> paths = new LinkedHashMap<>();
            paths.put(KFTRAY, forward(kftray, kubeconfig, kube.contextName(), work.resolve("headless.log")));
            if (before != null) {
                paths.put(BASELINE, forward(before, kubeconfig, kube.contextName(), work.resolve("baseline.log")));
            }
            Kubectl kubectl = new Kubectl(Kubectl.locate(), kubeconfig, work);
            try (KubectlForwards kubectlForwards = new KubectlForwards(kubectl, Map.of("pod/echo", 7000),
                    START_TIMEOUT)) {
                paths.put(KUBECTL, kubectlForwards.running().get(0).localAddress());
                for (InetSocketAddress path : paths.values()) {
                    ConnectLatency.repeat(path, WARM_UP); // measured rounds start with compiled code
                }
                Map<String, List<Map<String, Double>>> timelines = new LinkedHashMap<>();
                Map<String, List<ConnectLatency.Result>> latencies = new LinkedHashMap<>();
                String loadBefore = ProcFs.loadAverage();
                for (int round = 1; round <= rounds; round++) {
                    // each path goes first in turn
                    List<String> order = new ArrayList<>(paths.keySet());
                    Collections.rotate(order, round);
                    for (String name : order) {
                        System.out.println("round " + round + ": " + name + " ...");
                        InetSocketAddress path = paths.get(name);
                        latencies.computeIfAbsent(name, n -> new ArrayList<>())
                                .add(ConnectLatency.measureFirst(path, UNCAPTURED));
                        Ports ports = new Ports(path.getPort(), kube.address().getPort(), echo.address().getPort());
                        List<Segment> segments;
                        try (LoopbackCapture capture = LoopbackCapture.start(ports.listener(), ports.apiServer(),
                                ports.pod())) {
                            ConnectLatency.repeat(path, connections);
                            segments = capture.stop();
                        }
                        timelines.computeIfAbsent(name, n -> new ArrayList<>()).add(timeline(segments, ports));
                    }
                }
                report(rounds, connections, timelines, latencies, loadBefore + " / " + ProcFs.loadAverage(), out);
            }
        } finally {
            FileTrees.delete(work);
        }
    }

    /** Starts a runtime with one forward to the echo pod. @return where the forward listens */
    private static InetSocketAddress forward(KftrayProcess kftray, Path kubeconfig, String context, Path log)
            throws Exception {
        kftray.command(Map.of("KFTRAY_CDS", "off", "KFTRAY_JAVA_OPTS", ""), "add", "--kubeconfig",
                kubeconfig.toString(), "--context", context, "-n", "bench", "-t", "service", "-s", "echo", "-r",
                "80", "-l", "0", "-a", "echo", "--auto-start", "true");
        kftray.startHeadless(log);
        Matcher running = StartupBench.awaitRunning(kftray, log, 1, System.nanoTime(), RUNNING_TIMEOUT_MILLIS, 50)
                .get(0);
        return new InetSocketAddress(running.group(2), Integer.parseInt(running.group(3)));
    }

    /** The steps of a new connection, each from the event before it. */
    static final List<String> STEPS = List.of(
            "client SYN -> its byte reaches the forward",
            "byte at the forward -> first segment to the API server (stream open sent)",
            "stream open sent -> last segment from the API server before the data (reply received)",
            "reply received -> last segment to the API server before the pod has the byte (data sent)",
            "data sent -> byte reaches the pod (API server: dial, relay)",
            "byte at the pod -> pod answers",
            "pod answers -> echo reaches the forward (API server relays)",
            "echo at the forward -> echo reaches the client",
            "total: client SYN -> echo at the client");

    /**
     * Splits the capture into connections (from a SYN to the listener to the first data from it) and times
     * their steps ({@link #STEPS}) by where the segments fall, whatever their number (kubectl writes each
     * frame in a segment of its own, the project's forward fewer).
     *
     * @return for each step, the median over the connections in microseconds; "connections" how many
     */
    static Map<String, Double> timeline(List<Segment> segments, Ports ports) {
        List<double[]> steps = new ArrayList<>();
        List<Segment> current = null;
        for (Segment s : segments) {
            if (s.syn() && s.to() == ports.listener()) {
                current = new ArrayList<>();
            }
            if (current == null) {
                continue;
            }
            current.add(s);
            if (s.from() == ports.listener() && s.length() > 0) {
                double[] timed = steps(current, ports);
                if (timed != null) {
                    steps.add(timed);
                }
                current = null;
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int i = 0; i < STEPS.size(); i++) {
            int at = i;
            medians.put(STEPS.get(i), steps.isEmpty() ? Double.NaN
                    : median(steps.stream().map(t -> t[at]).toList()));
        }
        medians.put("connections", (double) steps.size());
        return medians;
    }

    /** @return the step durations of one connection in microseconds, or null if a milestone is missing */
    private static double[] steps(List<Segment> c, Ports ports) {
        long syn = c.get(0).nanos();
        int byteIn = first(c, 0, s -> s.to() == ports.listener() && s.length() > 0);
        int openSent = first(c, byteIn, s -> s.to() == ports.apiServer() && s.length() > 0);
        int atPod = first(c, openSent, s -> s.to() == ports.pod() && s.length() > 0);
        int dataSent = last(c, atPod, s -> s.to() == ports.apiServer() && s.length() > 0);
        int replied = last(c, dataSent, s -> s.from() == ports.apiServer() && s.length() > 0);
        int answer = first(c, atPod, s -> s.from() == ports.pod() && s.length() > 0);
        int echoIn = first(c, answer, s -> s.from() == ports.apiServer() && s.length() > 0);
        int echoOut = c.size() - 1;
        if (replied < openSent) {
            replied = openSent; // the data went before any reply: no time waited for it
        }
        int[] at = {0, byteIn, openSent, replied, dataSent, atPod, answer, echoIn, echoOut};
        for (int i : at) {
            if (i < 0) {
                return null;
            }
        }
        double[] micros = new double[STEPS.size()];
        for (int i = 0; i < at.length - 1; i++) {
            micros[i] = (c.get(at[i + 1]).nanos() - c.get(at[i]).nanos()) / 1e3;
        }
        micros[STEPS.size() - 1] = (c.get(echoOut).nanos() - syn) / 1e3;
        return micros;
    }

    private static int first(List<Segment> c, int from, Predicate<Segment> what) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < c.size(); i++) {
            if (what.test(c.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int last(List<Segment> c, int before, Predicate<Segment> what) {
        for (int i = before - 1; i >= 0; i--) {
            if (what.test(c.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** @return the round-by-round ratios of a figure, sorted */
    private static List<Double> ratios(List<ConnectLatency.Result> ours, List<ConnectLatency.Result> theirs,
                                       Function<ConnectLatency.Result, Double> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            ratios.add(figure.apply(ours.get(i)) / figure.apply(theirs.get(i)));
        }
        return ratios.stream().sorted().toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(int rounds, int connections, Map<String, List<Map<String, Double>>> timelines,
                               Map<String, List<ConnectLatency.Result>> latencies, String load, Path out)
            throws Exception {
        BenchResults json = new BenchResults("connect-timeline").parameter("rounds", rounds)
                .parameter("captured_connections", connections).parameter("uncaptured_connections", UNCAPTURED)
                .parameter("load_average", load)
                .parameter("kftray_java_opts", System.getenv().getOrDefault("KFTRAY_JAVA_OPTS", ""));
        for (String name : timelines.keySet()) {
            System.out.println();
            System.out.println(name + ", µs per step (median of round medians, range)");
            ResultTable table = new ResultTable("event", "median", "min", "max");
            List<Map<String, Double>> perRound = timelines.get(name);
            for (String event : perRound.get(0).keySet()) {
                List<Double> values = perRound.stream().map(m -> m.get(event)).sorted().toList();
                table.row(event, Throughput.format(median(values)), Throughput.format(values.get(0)),
                        Throughput.format(values.get(values.size() - 1)));
            }
            table.print(System.out);
            Function<Function<ConnectLatency.Result, Double>, List<Double>> figures = f -> latencies.get(name).stream()
                    .map(f).sorted().toList();
            List<Double> p50 = figures.apply(ConnectLatency.Result::p50);
            List<Double> p99 = figures.apply(ConnectLatency.Result::p99);
            System.out.printf("connect without capture: p50 %s ms (%s–%s), p99 %s ms (%s–%s)%n",
                    Throughput.format(median(p50)), Throughput.format(p50.get(0)),
                    Throughput.format(p50.get(p50.size() - 1)), Throughput.format(median(p99)),
                    Throughput.format(p99.get(0)), Throughput.format(p99.get(p99.size() - 1)));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", name);
            entry.put("timeline_rounds_us", perRound);
            entry.put("connect_p50_ms_rounds", p50);
            entry.put("connect_p99_ms_rounds", p99);
            json.result(entry);
        }
        for (String name : latencies.keySet()) {
            if (!name.equals(KUBECTL)) {
                List<Double> p50 = ratios(latencies.get(name), latencies.get(KUBECTL), ConnectLatency.Result::p50);
                List<Double> p99 = ratios(latencies.get(name), latencies.get(KUBECTL), ConnectLatency.Result::p99);
                System.out.printf("%s / kubectl, same rounds: p50 %s (%s–%s), p99 %s (%s–%s)%n", name,
                        Throughput.format(median(p50)), Throughput.format(p50.get(0)),
                        Throughput.format(p50.get(p50.size() - 1)), Throughput.format(median(p99)),
                        Throughput.format(p99.get(0)), Throughput.format(p99.get(p99.size() - 1)));
                json.summary(name + " / kubectl", Map.of("p50_ratio_rounds", p50, "p99_ratio_rounds", p99));
            }
        }
        System.out.println("load average (1, 5, 15 min; before / after): " + load);
        System.out.println("written " + json.write(out));
    }
}
