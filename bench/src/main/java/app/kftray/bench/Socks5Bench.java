package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.ContainerPort;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.ServicePort;
import app.kftray.protocol.socks5.internal.Socks5ProtocolHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The socks5 protocol against the plain tcp forward, in one run, both to the same echo service of
 * the emulated cluster and on one {@link DataPath}: bulk throughput on one connection,
 * new-connection latency and aggregate throughput of parallel connections, with a direct loopback
 * connection as the baseline. The SOCKS client is the JDK's own (a {@link ProxySelector} routes
 * the cluster name through the listener), so every socks5 connection pays its real price: the
 * SOCKS handshake and a lookup of the name through the API server.
 * The two kftray paths are measured in two rounds of opposite order; each figure is the better
 * round's. Usage: {@code Socks5Bench [MiB] [latency-connections] [parallel] [output-dir]};
 * defaults 256, 500, 32, target/bench.
 */
public final class Socks5Bench {
    private static final String NAMESPACE = "bench";
    private static final int ECHO_PORT = 7000;
    /** What a socks5 client asks for: the service by its cluster name, never an address. */
    private static final int ROUNDS = 2;
    private static final InetSocketAddress ECHO_BY_NAME =
            InetSocketAddress.createUnresolved("echo." + NAMESPACE + ".svc", ECHO_PORT);

    private Socks5Bench() {
    }

    /** One measured path. */
    private record Measured(String name, EchoProbe.Result bulk, ConnectLatency.Result latency,
                            EchoProbe.Result parallel) {
    }

    /** What was asked for. */
    private record Parameters(long bytes, int latencyConnections, int parallel) {
    }

    public static void main(String[] args) throws Exception {
        Parameters p = new Parameters((args.length > 0 ? Long.parseLong(args[0]) : 256) << 20,
                args.length > 1 ? Integer.parseInt(args[1]) : 500, args.length > 2 ? Integer.parseInt(args[2]) : 32);
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        List<Measured> paths = new ArrayList<>();
        Path home = Files.createTempDirectory("socks5-bench");
        try (EchoServer echo = EchoServer.start(); KubeEmulator kube = KubeEmulator.start()) {
            kube.namespace(NAMESPACE)
                    .service("echo", Map.of("app", "echo"), List.of(ServicePort.port(ECHO_PORT, "echo", "echo")))
                    .pod("echo-0", Map.of("app", "echo"), List.of(ContainerPort.containerPort("echo", ECHO_PORT)),
                            echo.address());
            ForwardConfig.Builder base = ForwardConfig.builder().context(kube.contextName()).namespace(NAMESPACE)
                    .kubeconfig(kube.writeKubeconfig(home.resolve("kubeconfig"), NAMESPACE).toString()).localPort(0);
            paths.add(measure("direct loopback", echo.address(), p));
            try (DataPath path = new DataPath();
                 OursForward tcp = new OursForward(path, base.alias("echo-tcp").workloadType(WorkloadType.SERVICE)
                         .service("echo").remotePort(ECHO_PORT).protocol("tcp").build());
                 OursForward socks = new OursForward(path, base.alias("socks").workloadType(WorkloadType.NAMESPACE)
                         .service(null).remotePort((String) null).protocol(Socks5ProtocolHandler.NAME).build(),
                         Socks5ProtocolHandler.withDefaults())) {
                ProxySelector direct = ProxySelector.getDefault();
                ProxySelector.setDefault(new ClusterNamesVia(socks.address(), direct));
                try {
                    // both share the transport: warm it (and the JIT) through both before either is measured
                    warmUp(tcp.address(), p);
                    warmUp(ECHO_BY_NAME, p);
                    // two rounds in opposite order, so neither path gains from going second
                    List<Measured> rounds = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        boolean tcpFirst = round % 2 == 0;
                        rounds.add(measure(tcpFirst ? "kftray tcp" : "kftray socks5",
                                tcpFirst ? tcp.address() : ECHO_BY_NAME, p));
                        rounds.add(measure(tcpFirst ? "kftray socks5" : "kftray tcp",
                                tcpFirst ? ECHO_BY_NAME : tcp.address(), p));
                    }
                    paths.add(best("kftray tcp", rounds));
                    paths.add(best("kftray socks5", rounds));
                } finally {
                    ProxySelector.setDefault(direct);
                }
            }
        } finally {
            FileTrees.delete(home);
        }
        report(p, paths, out);
    }

    private static void warmUp(InetSocketAddress address, Parameters p) throws Exception {
        ConnectLatency.measure(address, Math.max(1, p.latencyConnections() / 10));
        ParallelThroughput.measure(address, p.parallel(), Math.max(1, p.bytes() / 8 / p.parallel()));
    }

    /** The best round of a path for each figure: the rounds differ by what else the machine was doing. */
    private static Measured best(String name, List<Measured> rounds) {
        List<Measured> mine = rounds.stream().filter(m -> m.name().equals(name)).toList();
        Measured bulk = mine.stream().max(Comparator.comparingDouble(m -> m.bulk().mibPerSecond())).orElseThrow();
        Measured latency = mine.stream().min(Comparator.comparingDouble(m -> m.latency().p50())).orElseThrow();
        Measured parallel = mine.stream().max(Comparator.comparingDouble(m -> m.parallel().mibPerSecond()))
                .orElseThrow();
        return new Measured(name, bulk.bulk(), latency.latency(), parallel.parallel());
    }

    private static Measured measure(String name, InetSocketAddress address, Parameters p) throws Exception {
        System.out.println("measuring " + name + " ...");
        return new Measured(name, Throughput.measure(address, p.bytes(), Math.min(p.bytes() / 16, 16L << 20)),
                ConnectLatency.measure(address, p.latencyConnections()),
                ParallelThroughput.measure(address, p.parallel(), p.bytes() / p.parallel()));
    }

    /** A figure of each path: its column, its JSON key, and how to read it. */
    private record Metric(String column, String key, ToDoubleFunction<Measured> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("bulk MiB/s", "bulk_mib_per_s", m -> m.bulk().mibPerSecond()),
            new Metric("connect p50 ms", "connect_p50_ms", m -> m.latency().p50()),
            new Metric("connect p99 ms", "connect_p99_ms", m -> m.latency().p99()),
            new Metric("parallel MiB/s", "parallel_mib_per_s", m -> m.parallel().mibPerSecond()));

    private static void report(Parameters p, List<Measured> paths, Path out) throws IOException {
        List<String> columns = new ArrayList<>(List.of("path"));
        METRICS.forEach(metric -> columns.add(metric.column()));
        ResultTable table = new ResultTable(columns.toArray(String[]::new));
        BenchResults json = new BenchResults("socks5").parameter("bulk_bytes", p.bytes())
                .parameter("latency_connections", p.latencyConnections())
                .parameter("parallel_connections", p.parallel())
                .parameter("rounds", ROUNDS + ", alternating order; best round per figure")
                .parameter("payload", "echo; bytes travel both ways, counted once")
                .parameter("socks5_client", "JDK SOCKS5, service name sent unresolved (like curl --socks5-hostname)");
        for (Measured path : paths) {
            Map<String, Object> entry = new LinkedHashMap<>(Map.of("variant", path.name()));
            List<Object> row = new ArrayList<>(List.of(path.name()));
            for (Metric metric : METRICS) {
                double value = metric.value().applyAsDouble(path);
                entry.put(metric.key(), value);
                row.add(Throughput.format(value));
            }
            table.row(row.toArray());
            json.result(entry);
        }
        columns.set(0, "ratio");
        ResultTable ratios = new ResultTable(columns.toArray(String[]::new));
        Measured direct = paths.get(0);
        Measured tcp = paths.get(1);
        Measured socks = paths.get(2);
        for (Measured base : List.of(tcp, direct)) {
            List<Object> row = new ArrayList<>(List.of(socks.name() + " / " + base.name()));
            for (Metric metric : METRICS) {
                double ratio = metric.value().applyAsDouble(socks) / metric.value().applyAsDouble(base);
                row.add(Throughput.format(ratio));
                if (base == tcp) {
                    json.summary(metric.key() + "_socks5_to_tcp", ratio);
                }
            }
            ratios.row(row.toArray());
        }
        table.print(System.out);
        System.out.println();
        ratios.print(System.out);
        System.out.println("written " + json.write(out));
    }

    /**
     * Sends connections to unresolved {@code *.svc} names through a SOCKS5 listener and
     * everything else where it went before, so only the measured sockets use the proxy.
     */
    private static final class ClusterNamesVia extends ProxySelector {
        private final List<Proxy> socks;
        private final ProxySelector others;

        ClusterNamesVia(InetSocketAddress listener, ProxySelector others) {
            this.socks = List.of(new Proxy(Proxy.Type.SOCKS, listener));
            this.others = others;
        }

        @Override
        public List<Proxy> select(URI uri) {
            if ("socket".equals(uri.getScheme()) && uri.getHost() != null && uri.getHost().endsWith(".svc")) {
                return socks;
            }
            return others == null ? List.of(Proxy.NO_PROXY) : others.select(uri);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            if (others != null) {
                others.connectFailed(uri, address, failure);
            }
        }
    }
}
