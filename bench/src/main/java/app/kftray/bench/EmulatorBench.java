package app.kftray.bench;

import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.Kubectl;
import app.kftray.emulator.KubectlPortForward;
import app.kftray.emulator.KubeEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Echo throughput of {@code kubectl port-forward} through the emulator (WebSocket-tunnelled SPDY, kubectl's
 * default, and plain SPDY) against a direct loopback connection to the same echo backend, in one run.
 * Usage: {@code EmulatorBench [MiB] [output-dir]}; defaults 1024 MiB and target/bench.
 */
public final class EmulatorBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private EmulatorBench() {
    }

    /** One measured path. */
    public record Variant(String name, EchoProbe.Result result) {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path out = args.length > 1 ? Path.of(args[1]) : BenchResults.defaultDirectory();
        run(mib << 20, out);
    }

    /** Runs all variants, prints the table and writes {@code emulator.json} into {@code out}. */
    public static List<Variant> run(long bytes, Path out) throws Exception {
        long warmup = Math.min(bytes / 16, 16L << 20);
        List<Variant> variants = new ArrayList<>();
        Path home = Files.createTempDirectory("emulator-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start()) {
            kube.namespace("bench").pod("echo-0", Map.of("app", "echo"),
                    List.of(ContainerPort.containerPort("echo", 7000)), echo.address());
            Kubectl kubectl = new Kubectl(Kubectl.locate(), kube.writeKubeconfig(home.resolve("kubeconfig"), "bench"),
                    home);
            variants.add(new Variant("direct loopback", Throughput.measure(echo.address(), bytes, warmup)));
            for (boolean webSockets : new boolean[] {true, false}) {
                try (KubectlPortForward forward = kubectl.portForward("pod/echo-0", 7000, webSockets, START_TIMEOUT)) {
                    String name = webSockets ? "kubectl port-forward (websocket)" : "kubectl port-forward (spdy)";
                    variants.add(new Variant(name, Throughput.measure(forward.localAddress(), bytes, warmup)));
                }
            }
        } finally {
            deleteTree(home);
        }
        report(bytes, variants, out);
        return variants;
    }

    private static void report(long bytes, List<Variant> variants, Path out) throws java.io.IOException {
        double direct = variants.get(0).result().mibPerSecond();
        ResultTable table = new ResultTable("path", "MiB", "seconds", "MiB/s", "vs direct");
        BenchResults json = new BenchResults("emulator").parameter("bytes", bytes)
                .parameter("payload", "echo; bytes travel both ways, counted once");
        for (Variant v : variants) {
            double rate = v.result().mibPerSecond();
            double ratio = rate / direct;
            table.row(v.name(), bytes >> 20, Throughput.format(v.result().nanos() / 1e9), Throughput.format(rate),
                    Throughput.format(ratio));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", v.name());
            entry.put("bytes", v.result().bytes());
            entry.put("seconds", v.result().nanos() / 1e9);
            entry.put("mib_per_s", rate);
            entry.put("ratio_to_direct", ratio);
            json.result(entry);
        }
        json.summary("direct_mib_per_s", direct)
                .summary("kubectl_websocket_to_direct", variants.get(1).result().mibPerSecond() / direct)
                .summary("kubectl_spdy_to_direct", variants.get(2).result().mibPerSecond() / direct);
        table.print(System.out);
        System.out.println("written " + json.write(out));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
