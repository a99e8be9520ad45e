package app.kftray.bench;

import app.kftray.api.KftrayHome;
import app.kftray.api.StandaloneStores;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.NginxServer;
import app.kftray.emulator.RelayPods;
import app.kftray.emulator.ServicePort;
import app.kftray.forward.expose.internal.ExposeProtocolHandler;
import app.kftray.relay.deploy.internal.RelayDeployer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Cluster-side clients through an expose forward against the same clients straight to the local server, in
 * one run: a real nginx on this machine, published by an expose workload (relay Deployment deployed by the
 * relay bundle, reverse relay in the emulator, one port-forward stream per connection, forward-expose), and
 * keep-alive HTTP clients standing in for pods connecting to the Service. For scale, the same nginx is also
 * reached the usual way, as a pod through a tcp forward over the same kind of tunnel. The paths are measured in
 * alternating rounds; each figure is reported as the median of the rounds with their range.
 * Usage: {@code ExposeBench [clients] [seconds-per-round] [rounds] [output-dir]}; defaults 8, 5, 5, target/bench.
 */
public final class ExposeBench {
    private static final String NAMESPACE = "bench";
    private static final String PATH = "/hello.txt";
    private static final double GOAL = 0.3;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ExposeBench() {
    }

    /**
     * One round's figures of one path. The CPU time is this process's (load clients, emulator, relay, kftray; not
     * nginx's) per request: unlike requests per second it hardly depends on how busy the machine is.
     */
    private record Round(double requestsPerSecond, double p50Millis, double p99Millis, double cpuMicrosPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration length = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Path work = Files.createTempDirectory("expose-bench");
        System.setProperty(KftrayHome.PROPERTY, work.resolve("home").toString());
        List<Round> direct = new ArrayList<>();
        List<Round> expose = new ArrayList<>();
        List<Round> forward = new ArrayList<>();
        try (NginxServer nginx = startNginx(work); KubeEmulator kube = KubeEmulator.start();
             RelayPods relays = RelayPods.install(kube); DataPath path = new DataPath();
             StandaloneStores stores = ServiceLoader.load(StandaloneStores.Factory.class).findFirst().orElseThrow()
                     .open(work.resolve("home"))) {
            // the same nginx as a pod, for the usual direction through the same tunnel: a tcp forward
            kube.namespace(NAMESPACE).service("nginx", Map.of("app", "nginx"), List.of(ServicePort.port(80, "http", 80)))
                    .pod("nginx-1", Map.of("app", "nginx"), List.of(ContainerPort.containerPort("http", 80)),
                            nginx.address());
            Path kubeconfig = kube.writeKubeconfig(work.resolve("kubeconfig"), NAMESPACE);
            int port = nginx.address().getPort();
            stores.configs().importJson("""
                    [{"alias": "web", "kubeconfig": "%s", "namespace": "%s", "workload_type": "expose",
                      "protocol": "tcp", "local_port": %d, "exposure_type": "cluster"}]""".formatted(kubeconfig,
                    NAMESPACE, port));
            ForwardConfig config = stores.configs().find("web").orElseThrow();
            RelayDeployer deployer = RelayDeployer.withDefaults(path.kube(), path.workloads(), stores.states(),
                    stores.configs(), Duration.ofSeconds(30));
            try {
                ResolvedTarget relay = deployer.ensureRelay(config);
                try (OursForward exposed = new OursForward(path, config,
                        ExposeProtocolHandler.withSecrets(deployer::exposeSecret), relay);
                     OursForward tcp = new OursForward(path, ForwardConfig.builder().alias("nginx")
                             .kubeconfig(kubeconfig.toString()).namespace(NAMESPACE).service("nginx").remotePort(80)
                             .build())) {
                    InetSocketAddress service = awaitService(kube, port);
                    HttpLoad.timed(service, PATH, clients, length);         // warm-up of the whole path
                    HttpLoad.timed(tcp.address(), PATH, clients, length);
                    HttpLoad.timed(nginx.address(), PATH, clients, length);
                    for (int round = 1; round <= rounds; round++) {
                        // alternating order, so a machine whose speed drifts favours neither path
                        if (round % 2 == 1) {
                            direct.add(measure("direct", round, nginx.address(), clients, length));
                        }
                        expose.add(measure("expose", round, service, clients, length));
                        forward.add(measure("forward", round, tcp.address(), clients, length));
                        if (round % 2 == 0) {
                            direct.add(measure("direct", round, nginx.address(), clients, length));
                        }
                    }
                }
            } finally {
                deployer.close();
            }
        } finally {
            FileTrees.delete(work);
        }
        report(clients, length, rounds, direct, expose, forward, out);
    }

    private static NginxServer startNginx(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www").resolve("hello.txt"), "hello from this machine\n".repeat(40));
        return NginxServer.start(dir, 0);
    }

    private static InetSocketAddress awaitService(KubeEmulator kube, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                InetSocketAddress service = kube.serviceAddress(NAMESPACE, "web", port);
                HttpLoad.download(service, PATH, 1);
                return service;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the exposed service never answered", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static Round measure(String name, int round, InetSocketAddress server, int clients, Duration length)
            throws Exception {
        long cpuBefore = PROCESS.getProcessCpuTime();
        HttpLoad.Timed timed = HttpLoad.timed(server, PATH, clients, length);
        double cpuMicros = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e3 / Math.max(1, timed.load().requests());
        Round result = new Round(timed.load().requestsPerSecond(), timed.percentileMillis(0.5),
                timed.percentileMillis(0.99), cpuMicros);
        System.out.printf("round %d %-7s %9.0f req/s  p50 %.3f ms  p99 %.3f ms  cpu %.0f us/req  (load %.1f)%n", round,
                name, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), cpuMicros,
                PROCESS.getSystemLoadAverage());
        return result;
    }

    private static void report(int clients, Duration length, int rounds, List<Round> direct, List<Round> expose,
                               List<Round> forward, Path out) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(direct.size(), expose.size()); i++) {
            ratios.add(expose.get(i).requestsPerSecond() / direct.get(i).requestsPerSecond());
        }
        ResultTable table = new ResultTable("path", "req/s median [range]", "p50 ms median [range]",
                "p99 ms median [range]", "JVM CPU us/req median [range]");
        BenchResults json = new BenchResults("expose").parameter("clients", clients)
                .parameter("seconds_per_round", length.toSeconds()).parameter("rounds", rounds)
                .parameter("request", "GET " + PATH + " (960 bytes) from nginx, HTTP/1.1 keep-alive")
                .parameter("expose_path", "client -> relay Service (emulator) -> reverse relay -> port-forward"
                        + " stream per connection -> forward-expose -> local nginx");
        for (var entry : Map.of("a direct to local nginx", direct, "b through expose (cluster -> here)", expose,
                        "c tcp forward (here -> cluster), same tunnel", forward).entrySet()
                .stream().sorted(Map.Entry.comparingByKey()).toList()) {
            List<Round> rs = entry.getValue();
            table.row(entry.getKey().substring(2), stats(rs, Round::requestsPerSecond, "%.0f"), stats(rs, Round::p50Millis, "%.3f"),
                    stats(rs, Round::p99Millis, "%.3f"), stats(rs, Round::cpuMicrosPerRequest, "%.0f"));
            json.result(Map.of("variant", entry.getKey().substring(2),
                    "requests_per_s", values(rs, Round::requestsPerSecond),
                    "p50_ms", values(rs, Round::p50Millis), "p99_ms", values(rs, Round::p99Millis),
                    "jvm_cpu_us_per_request", values(rs, Round::cpuMicrosPerRequest)));
        }
        table.print(System.out);
        double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
        System.out.printf("expose / direct requests per second, median of %d rounds: %.2f [%.2f..%.2f] (goal >= %.1f)%n",
                ratios.size(), median, ratios.stream().min(Comparator.naturalOrder()).orElseThrow(),
                ratios.stream().max(Comparator.naturalOrder()).orElseThrow(), GOAL);
        json.summary("expose_to_direct_requests_per_s", median).summary("ratios_by_round", ratios)
                .summary("goal", GOAL).summary("goal_met", median >= GOAL)
                .summary("load_average_1min_at_end", PROCESS.getSystemLoadAverage());
        System.out.printf("load average (1 min) at the end: %.1f on %d cores%n", PROCESS.getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("wrote " + json.write(out));
    }

    private static List<Double> values(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
        return rounds.stream().map(figure::applyAsDouble).toList();
    }

    private static String stats(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure, String format) {
        List<Double> sorted = rounds.stream().map(figure::applyAsDouble).sorted().toList();
        return String.format(format + " [" + format + ".." + format + "]", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
