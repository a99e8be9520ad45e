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

/**
 * TCP forwarding through the emulated cluster, in one run and against one echo pod: bulk
 * throughput on one connection, new-connection latency, and aggregate throughput of many parallel
 * connections, each for a direct loopback connection, {@code kubectl port-forward} (its default
 * WebSocket mode) and kftray's own data path ({@link OursForward}).
 * Usage: {@code TcpBench [MiB] [latency-connections] [parallel] [output-dir]}; defaults 1024, 2000, 64,
 * target/bench.
 */
public final class TcpBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int ECHO_PORT = 7000;

    private TcpBench() {
    }

    /** One measured path. */
    record Measured(String name, EchoProbe.Result bulk, ConnectLatency.Result latency, EchoProbe.Result parallel) {
    }

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int latencyConnections = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        List<Measured> paths = new ArrayList<>();
        Path home = Files.createTempDirectory("tcp-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start()) {
            kube.namespace("bench").pod("echo-0", Map.of("app", "echo"),
                    List.of(ContainerPort.containerPort("echo", ECHO_PORT)), echo.address());
            Path kubeconfig = kube.writeKubeconfig(home.resolve("kubeconfig"), "bench");
            Kubectl kubectl = new Kubectl(Kubectl.locate(), kubeconfig, home);
            paths.add(measure("direct loopback", echo.address(), bytes, latencyConnections, parallel));
            try (KubectlPortForward forward = kubectl.portForward("pod/echo-0", ECHO_PORT, true, START_TIMEOUT)) {
                paths.add(measure("kubectl port-forward", forward.localAddress(), bytes, latencyConnections,
                        parallel));
            }
            try (DataPath path = new DataPath(); OursForward ours = new OursForward(path, config(kubeconfig,
                    kube.contextName()))) {
                paths.add(measure("kftray", ours.address(), bytes, latencyConnections, parallel));
            }
        } finally {
            FileTrees.delete(home);
        }
        report(new Parameters(bytes, latencyConnections, parallel), paths, out);
    }

    private static ForwardConfig config(Path kubeconfig, String context) {
        return ForwardConfig.builder().alias("echo").kubeconfig(kubeconfig.toString()).context(context)
                .namespace("bench").workloadType(WorkloadType.POD).target("app=echo").remotePort(ECHO_PORT)
                .localPort(0).protocol("tcp").build();
    }

    private static Measured measure(String name, InetSocketAddress address, long bytes, int latencyConnections,
                                 int parallel) throws Exception {
        System.out.println("measuring " + name + " ...");
        EchoProbe.Result bulk = Throughput.measure(address, bytes, Math.min(bytes / 16, 16L << 20));
        ConnectLatency.Result latency = ConnectLatency.measure(address, latencyConnections);
        EchoProbe.Result aggregate = ParallelThroughput.measure(address, parallel, bytes / parallel);
        return new Measured(name, bulk, latency, aggregate);
    }

    /** What was asked for. */
    private record Parameters(long bytes, int latencyConnections, int parallel) {
    }

    private static void report(Parameters p, List<Measured> paths, Path out) throws IOException {
        Measured direct = paths.get(0);
        Measured kubectl = paths.get(1);
        Measured ours = paths.get(2);
        ResultTable table = new ResultTable("path", "bulk MiB/s", "connect p50 ms", "connect p99 ms",
                "parallel MiB/s");
        BenchResults json = new BenchResults("tcp").parameter("bulk_bytes", p.bytes())
                .parameter("latency_connections", p.latencyConnections())
                .parameter("parallel_connections", p.parallel())
                .parameter("parallel_bytes_each", p.bytes() / p.parallel())
                .parameter("payload", "echo; bytes travel both ways, counted once")
                .parameter("kubectl_mode", "websocket (kubectl default)");
        for (Measured path : paths) {
            table.row(path.name(), Throughput.format(path.bulk().mibPerSecond()), Throughput.format(path.latency().p50()),
                    Throughput.format(path.latency().p99()), Throughput.format(path.parallel().mibPerSecond()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", path.name());
            entry.put("bulk_mib_per_s", path.bulk().mibPerSecond());
            entry.put("connect_p50_ms", path.latency().p50());
            entry.put("connect_p99_ms", path.latency().p99());
            entry.put("connect_max_ms", path.latency().max());
            entry.put("parallel_mib_per_s", path.parallel().mibPerSecond());
            json.result(entry);
        }
        ResultTable ratios = new ResultTable("ratio", "bulk", "connect p50", "connect p99", "parallel");
        ratios.row(ratio("kftray / kubectl", ours, kubectl));
        ratios.row(ratio("kftray / direct", ours, direct));
        json.summary("bulk_kftray_to_kubectl", ours.bulk().mibPerSecond() / kubectl.bulk().mibPerSecond())
                .summary("bulk_kftray_to_direct", ours.bulk().mibPerSecond() / direct.bulk().mibPerSecond())
                .summary("parallel_kftray_to_kubectl", ours.parallel().mibPerSecond() / kubectl.parallel().mibPerSecond())
                .summary("parallel_kftray_to_direct", ours.parallel().mibPerSecond() / direct.parallel().mibPerSecond())
                .summary("connect_p50_kftray_to_kubectl", ours.latency().p50() / kubectl.latency().p50())
                .summary("connect_p99_kftray_to_kubectl", ours.latency().p99() / kubectl.latency().p99())
                .summary("connect_p50_kftray_to_direct", ours.latency().p50() / direct.latency().p50());
        table.print(System.out);
        System.out.println();
        ratios.print(System.out);
        System.out.println("written " + json.write(out));
    }

    private static Object[] ratio(String name, Measured a, Measured b) {
        return new Object[] {name,
            Throughput.format(a.bulk().mibPerSecond() / b.bulk().mibPerSecond()),
            Throughput.format(a.latency().p50() / b.latency().p50()),
            Throughput.format(a.latency().p99() / b.latency().p99()),
            Throughput.format(a.parallel().mibPerSecond() / b.parallel().mibPerSecond())};
    }
}
