package app.kftray.bench;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.NginxServer;
import app.kftray.emulator.ServicePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cost of HTTP logging on one running forward: the kftray distribution runs {@code --headless}
 * against the emulator with nginx as the pod, and the forward's logging is switched off and on with
 * {@code kftray edit} between rounds, so both modes measure the same forward, process and
 * connections path. Measures keep-alive requests/s of a small file and the MiB/s of a bulk download;
 * each measured round follows an unmeasured warm-up round in the same mode, and the order of the
 * modes alternates from round to round.
 * Usage: {@code HttpLogBench [seconds-per-round] [bulk-MiB] [rounds] [output-dir]}; defaults 5, 64, 2,
 * target/bench. The distribution is taken from {@code -Dkftray.dist} or ../launcher/target/kftray.
 */
public final class HttpLogBench {
    /** Logging on may cost at most a tenth of the throughput. */
    private static final double GOAL = 0.9;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 4;
    private static final int SMALL_BYTES = 1024;
    private static final int BULK_DOWNLOADS = 3;
    private static final Pattern ADDED = Pattern.compile("added forward (\\d+)");

    private final KftrayProcess kftray;
    private final InetSocketAddress local;
    private final long configId;
    private final Path logDir;
    private int probes;

    private HttpLogBench(KftrayProcess kftray, InetSocketAddress local, long configId, Path logDir) {
        this.kftray = kftray;
        this.local = local;
        this.configId = configId;
        this.logDir = logDir;
    }

    /** One measured round. */
    record Round(boolean logged, int round, HttpLoad.Result small, HttpLoad.Result bulk) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int bulkMib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Path dist = Path.of(System.getProperty("kftray.dist", Path.of("..", "launcher", "target", "kftray").toString()));
        Path work = Files.createTempDirectory("httplog-bench");
        try {
            List<Round> results = run(dist, work, Duration.ofSeconds(seconds), bulkMib, rounds);
            report(results, seconds, bulkMib, out);
        } finally {
            deleteTree(work);
        }
    }

    static List<Round> run(Path dist, Path work, Duration perRound, int bulkMib, int rounds) throws Exception {
        try (KubeEmulator kube = KubeEmulator.start();
             NginxServer nginx = NginxServer.start(work.resolve("nginx"), 0);
             KftrayProcess kftray = new KftrayProcess(dist, Files.createDirectories(work.resolve("home")))) {
            Path www = work.resolve("nginx").resolve("www");
            Files.write(www.resolve("small.html"), "x".repeat(SMALL_BYTES).getBytes());
            TestData.writeRandom(www.resolve("bulk.bin"), (long) bulkMib << 20, 1);
            kube.namespace("bench")
                    .service("web", Map.of("app", "web"), List.of(ServicePort.port(80, "http", "http")))
                    .pod("web-1", Map.of("app", "web"), List.of(ContainerPort.containerPort("http", 8080)),
                            nginx.address());
            Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), "bench");
            int port = freePort();
            Matcher added = ADDED.matcher(kftray.command("add", "--kubeconfig", kubeconfig.toString(),
                    "--context", kube.contextName(), "-n", "bench", "-t", "service", "-s", "web", "-r", "80",
                    "-l", String.valueOf(port), "-a", "web", "--http-logs", "false", "--auto-start", "true"));
            if (!added.find()) {
                throw new IllegalStateException("kftray add did not report the new forward's id");
            }
            long id = Long.parseLong(added.group(1));
            kftray.startHeadless(work.resolve("headless.log"));
            HttpLogBench bench = new HttpLogBench(kftray, new InetSocketAddress("127.0.0.1", port), id,
                    work.resolve("home").resolve("http_logs").resolve(Long.toString(id)));
            bench.awaitServing();
            return bench.measure(perRound, rounds);
        }
    }

    private List<Round> measure(Duration perRound, int rounds) throws Exception {
        List<Round> results = new ArrayList<>();
        // both modes' code compiled before the first measured round, not only the mode that goes first
        for (boolean logged : new boolean[] {false, true}) {
            switchLogging(logged);
            warmUp();
        }
        for (int round = 1; round <= rounds; round++) {
            // off-on, then on-off: a machine getting busier or quieter during the run favours neither mode
            boolean[] order = round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean logged : order) {
                switchLogging(logged);
                warmUp();
                HttpLoad.Result small = HttpLoad.hammer(local, "/small.html", CONNECTIONS, perRound);
                HttpLoad.Result bulk = HttpLoad.download(local, "/bulk.bin", BULK_DOWNLOADS);
                results.add(new Round(logged, round, small, bulk));
                System.out.printf("round %d logging %s: %.0f req/s, %.1f MiB/s%n", round, logged ? "on" : "off",
                        small.requestsPerSecond(), bulk.mibPerSecond());
            }
        }
        switchLogging(false);
        return results;
    }

    /**
     * An unmeasured round in the mode about to be measured, so that each measured round starts with
     * the code of that mode compiled (the JIT of both processes) and the log files already open.
     */
    private void warmUp() throws Exception {
        HttpLoad.hammer(local, "/small.html", CONNECTIONS, WARM_UP);
        HttpLoad.download(local, "/bulk.bin", 1);
    }

    private void awaitServing() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpLoad.download(local, "/small.html", 1);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !kftray.headlessAlive()) {
                    throw new IllegalStateException("the forward did not serve within " + START_TIMEOUT, notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Saves the flag with {@code kftray edit} and waits until the running forward follows it: a probe
     * request shows up in the log when on, and stops showing up when off.
     */
    private void switchLogging(boolean on) throws Exception {
        kftray.command("edit", Long.toString(configId), "--http-logs", Boolean.toString(on));
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String probe = "/small.html?probe=" + (++probes);
            HttpLoad.download(local, probe, 1);
            Thread.sleep(on ? 300 : 1500);
            if (logContains(probe) == on) {
                return;
            }
        }
        throw new IllegalStateException("the forward did not switch logging " + (on ? "on" : "off"));
    }

    private boolean logContains(String text) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains(".jsonl")).toList()) {
                if (Files.readString(file).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void report(List<Round> rounds, int seconds, int bulkMib, Path out) throws IOException {
        ResultTable table = new ResultTable("logging", "round", "requests", "req/s", "bulk MiB", "bulk MiB/s");
        BenchResults json = new BenchResults("httplog").parameter("seconds_per_round", seconds)
                .parameter("connections", CONNECTIONS).parameter("small_bytes", SMALL_BYTES)
                .parameter("bulk_mib", bulkMib).parameter("bulk_downloads_per_round", BULK_DOWNLOADS)
                .parameter("path", "kftray --headless forward through the emulator to nginx");
        for (Round r : rounds) {
            table.row(r.logged() ? "on" : "off", r.round(), r.small().requests(),
                    Throughput.format(r.small().requestsPerSecond()), r.bulk().bytes() >> 20,
                    Throughput.format(r.bulk().mibPerSecond()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("logging", r.logged());
            entry.put("round", r.round());
            entry.put("requests", r.small().requests());
            entry.put("requests_per_s", r.small().requestsPerSecond());
            entry.put("bulk_bytes", r.bulk().bytes());
            entry.put("bulk_mib_per_s", r.bulk().mibPerSecond());
            json.result(entry);
        }
        double rpsRatio = mean(rounds, true, false) / mean(rounds, false, false);
        double bulkRatio = mean(rounds, true, true) / mean(rounds, false, true);
        json.summary("requests_per_s_off", mean(rounds, false, false))
                .summary("requests_per_s_on", mean(rounds, true, false))
                .summary("bulk_mib_per_s_off", mean(rounds, false, true))
                .summary("bulk_mib_per_s_on", mean(rounds, true, true))
                .summary("requests_ratio_on_to_off", rpsRatio)
                .summary("bulk_ratio_on_to_off", bulkRatio)
                .summary("goal_ratio", GOAL)
                .summary("goal_met", rpsRatio >= GOAL && bulkRatio >= GOAL);
        table.print(System.out);
        System.out.printf("logging on / off: requests %.2fx, bulk %.2fx (goal >= %.2fx)%n", rpsRatio, bulkRatio, GOAL);
        System.out.println("written " + json.write(out));
    }

    private static double mean(List<Round> rounds, boolean logged, boolean bulk) {
        return rounds.stream().filter(r -> r.logged() == logged)
                .mapToDouble(r -> bulk ? r.bulk().mibPerSecond() : r.small().requestsPerSecond())
                .average().orElse(Double.NaN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
