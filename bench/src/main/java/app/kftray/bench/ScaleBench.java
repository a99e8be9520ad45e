package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many idle forwards in one process: the time to resolve and start them all, and the heap each
 * one holds once started (MemoryMXBean after GC, before and after). Every forward gets its own
 * service and pod in the emulated cluster and is checked with one echo round trip.
 * Usage: {@code ScaleBench [forwards] [output-dir]}; defaults 500 and target/bench.
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path out = args.length > 1 ? Path.of(args[1]) : BenchResults.defaultDirectory();
        Path home = Files.createTempDirectory("scale-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start();
             OursForwards forwards = new OursForwards()) {
            for (int i = 0; i < count; i++) {
                kube.namespace("scale").service("svc-" + i, Map.of("app", "app-" + i),
                                List.of(ServicePort.port(80, "http", 8080)))
                        .pod("pod-" + i, Map.of("app", "app-" + i),
                                List.of(ContainerPort.containerPort("http", 8080)), echo.address());
            }
            Path kubeconfig = kube.writeKubeconfig(home.resolve("kubeconfig"), "scale");
            List<ForwardConfig> configs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                configs.add(ForwardConfig.builder().alias("svc-" + i).kubeconfig(kubeconfig.toString())
                        .context(kube.contextName()).namespace("scale").workloadType(WorkloadType.SERVICE)
                        .service("svc-" + i).remotePort(80).localPort(0).protocol("tcp").build());
            }
            forwards.start(configs.get(0)); // first use loads fabric8 and TLS: not per-forward cost
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            for (ForwardConfig config : configs.subList(1, count)) {
                forwards.start(config);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = usedHeapAfterGc();
            int working = forwards.echoEach();
            report(count, seconds, heapBefore, heapAfter, working, out);
        } finally {
            FileTrees.delete(home);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void report(int count, double seconds, long before, long after, int working, Path out)
            throws java.io.IOException {
        int measured = count - 1;
        double perForwardKiB = (after - before) / 1024.0 / measured;
        ResultTable table = new ResultTable("forwards", "start all s", "ms/forward", "heap before MiB",
                "heap after MiB", "KiB/forward", "echo ok");
        table.row(count, Throughput.format(seconds), Throughput.format(seconds * 1000 / measured),
                Throughput.format(before / 1048576.0), Throughput.format(after / 1048576.0),
                Throughput.format(perForwardKiB), working + "/" + count);
        table.print(System.out);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("forwards", count);
        entry.put("start_seconds", seconds);
        entry.put("heap_before_bytes", before);
        entry.put("heap_after_bytes", after);
        entry.put("heap_per_forward_kib", perForwardKiB);
        entry.put("echo_ok", working);
        System.out.println("written " + new BenchResults("scale").parameter("forwards", count)
                .parameter("measured", "forwards 2..N started one after another; the first warms up")
                .result(entry).write(out));
    }
}
