package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.Kubectl;
import app.kftray.emulator.KubectlPortForward;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * TCP forwarding through the emulated cluster, in one run and against one echo pod: bulk
 * throughput on one connection, new-connection latency, and aggregate throughput of many parallel
 * connections, each for a direct loopback connection, {@code kubectl port-forward} (its default
 * WebSocket mode) and kftray's own data path ({@link OursForward}). The paths are measured in
 * rounds, kubectl and kftray in alternating order, and each figure is the median of its rounds, so
 * a shared machine whose speed drifts favours neither.
 * Usage: {@code TcpBench [MiB] [latency-connections] [parallel] [output-dir] [rounds]}; defaults 1024,
 * 2000, 64, target/bench, 3.
 */
public final class TcpBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int ECHO_PORT = 7000;
    private static final String DIRECT = "direct loopback";
    private static final String KUBECTL = "kubectl port-forward";
    private static final String KFTRAY = "kftray";

    private TcpBench() {
    }

    /** The figures of one path, in one round or as medians over rounds. */
    record Figures(String name, double bulk, double p50, double p99, double max, double parallel) {
        static Figures median(String name, List<Figures> rounds) {
            return new Figures(name, median(rounds, Figures::bulk), median(rounds, Figures::p50),
                    median(rounds, Figures::p99), median(rounds, Figures::max), median(rounds, Figures::parallel));
        }

        private static double median(List<Figures> rounds, ToDoubleFunction<Figures> figure) {
            double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }

    /** What was asked for. */
    private record Parameters(long bytes, int latencyConnections, int parallel, int rounds) {
    }

    public static void main(String[] args) throws Exception {
        Parameters p = new Parameters((args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20,
                args.length > 1 ? Integer.parseInt(args[1]) : 2000, args.length > 2 ? Integer.parseInt(args[2]) : 64,
                args.length > 4 ? Integer.parseInt(args[4]) : 3);
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Map<String, List<Figures>> rounds = new LinkedHashMap<>();
        Path home = Files.createTempDirectory("tcp-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start()) {
            kube.namespace("bench").pod("echo-0", Map.of("app", "echo"),
                    List.of(ContainerPort.containerPort("echo", ECHO_PORT)), echo.address());
            Path kubeconfig = kube.writeKubeconfig(home.resolve("kubeconfig"), "bench");
            Kubectl kubectl = new Kubectl(Kubectl.locate(), kubeconfig, home);
            try (KubectlPortForward forward = kubectl.portForward("pod/echo-0", ECHO_PORT, true, START_TIMEOUT);
                 DataPath path = new DataPath();
                 OursForward ours = new OursForward(path, config(kubeconfig, kube.contextName()))) {
                Map<String, InetSocketAddress> addresses = Map.of(DIRECT, echo.address(),
                        KUBECTL, forward.localAddress(), KFTRAY, ours.address());
                for (int round = 1; round <= p.rounds(); round++) {
                    List<String> order = round % 2 == 1 ? List.of(DIRECT, KUBECTL, KFTRAY)
                            : List.of(DIRECT, KFTRAY, KUBECTL);
                    for (String name : order) {
                        rounds.computeIfAbsent(name, n -> new ArrayList<>())
                                .add(measure(name, round, addresses.get(name), p));
                    }
                }
            }
        } finally {
            FileTrees.delete(home);
        }
        report(p, rounds, out);
    }

    private static ForwardConfig config(Path kubeconfig, String context) {
        return ForwardConfig.builder().alias("echo").kubeconfig(kubeconfig.toString()).context(context)
                .namespace("bench").workloadType(WorkloadType.POD).target("app=echo").remotePort(ECHO_PORT)
                .localPort(0).protocol("tcp").build();
    }

    private static Figures measure(String name, int round, InetSocketAddress address, Parameters p)
            throws Exception {
        System.out.println("round " + round + ": measuring " + name + " ...");
        EchoProbe.Result bulk = Throughput.measure(address, p.bytes(), Math.min(p.bytes() / 16, 16L << 20));
        ConnectLatency.Result latency = ConnectLatency.measure(address, p.latencyConnections());
        EchoProbe.Result aggregate = ParallelThroughput.measure(address, p.parallel(), p.bytes() / p.parallel());
        return new Figures(name, bulk.mibPerSecond(), latency.p50(), latency.p99(), latency.max(),
                aggregate.mibPerSecond());
    }

    private static void report(Parameters p, Map<String, List<Figures>> rounds, Path out) throws IOException {
        BenchResults json = new BenchResults("tcp").parameter("bulk_bytes", p.bytes())
                .parameter("latency_connections", p.latencyConnections())
                .parameter("parallel_connections", p.parallel())
                .parameter("parallel_bytes_each", p.bytes() / p.parallel())
                .parameter("rounds", p.rounds())
                .parameter("figures", "median of the rounds; kubectl and kftray measured in alternating order")
                .parameter("payload", "echo; bytes travel both ways, counted once")
                .parameter("kubectl_mode", "websocket (kubectl default)");
        ResultTable perRound = new ResultTable("path, round", "bulk MiB/s", "connect p50 ms", "connect p99 ms",
                "parallel MiB/s");
        ResultTable medians = new ResultTable("path (median)", "bulk MiB/s", "connect p50 ms", "connect p99 ms",
                "parallel MiB/s");
        Map<String, Figures> median = new LinkedHashMap<>();
        for (Map.Entry<String, List<Figures>> path : rounds.entrySet()) {
            for (int i = 0; i < path.getValue().size(); i++) {
                row(perRound, path.getKey() + ", " + (i + 1), path.getValue().get(i));
            }
            Figures m = Figures.median(path.getKey(), path.getValue());
            median.put(path.getKey(), m);
            row(medians, path.getKey(), m);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", path.getKey());
            entry.put("bulk_mib_per_s", m.bulk());
            entry.put("connect_p50_ms", m.p50());
            entry.put("connect_p99_ms", m.p99());
            entry.put("connect_max_ms", m.max());
            entry.put("parallel_mib_per_s", m.parallel());
            entry.put("rounds", path.getValue());
            json.result(entry);
        }
        Figures direct = median.get(DIRECT);
        Figures kubectl = median.get(KUBECTL);
        Figures ours = median.get(KFTRAY);
        ResultTable ratios = new ResultTable("ratio of medians", "bulk", "connect p50", "connect p99", "parallel");
        ratios.row(ratio("kftray / kubectl", ours, kubectl));
        ratios.row(ratio("kftray / direct", ours, direct));
        json.summary("bulk_kftray_to_kubectl", ours.bulk() / kubectl.bulk())
                .summary("bulk_kftray_to_direct", ours.bulk() / direct.bulk())
                .summary("parallel_kftray_to_kubectl", ours.parallel() / kubectl.parallel())
                .summary("parallel_kftray_to_direct", ours.parallel() / direct.parallel())
                .summary("connect_p50_kftray_to_kubectl", ours.p50() / kubectl.p50())
                .summary("connect_p99_kftray_to_kubectl", ours.p99() / kubectl.p99())
                .summary("connect_p50_kftray_to_direct", ours.p50() / direct.p50());
        perRound.print(System.out);
        System.out.println();
        medians.print(System.out);
        System.out.println();
        ratios.print(System.out);
        System.out.println("written " + json.write(out));
    }

    private static void row(ResultTable table, String name, Figures f) {
        table.row(name, Throughput.format(f.bulk()), Throughput.format(f.p50()), Throughput.format(f.p99()),
                Throughput.format(f.parallel()));
    }

    private static Object[] ratio(String name, Figures a, Figures b) {
        return new Object[] {name, Throughput.format(a.bulk() / b.bulk()), Throughput.format(a.p50() / b.p50()),
            Throughput.format(a.p99() / b.p99()), Throughput.format(a.parallel() / b.parallel())};
    }
}
