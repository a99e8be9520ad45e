package app.kftray.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of a DNS query through the relay goes: the same closed loop as {@link UdpBench}
 * (a few clients, each waiting for its answer), direct and through the relay in alternating rounds,
 * with the CPU time and the context switches of every thread on the path (this process: kftray's event
 * loops, the API server emulator, the relay; and dnsmasq) counted from
 * {@code /proc/<pid>/task} over each round and divided by the queries answered. In a loop where
 * each client waits, a switch is a hand-off of the query between threads, and each costs a wake-up. The
 * clients' own threads are left out: they live only as long as a round, and do the same on both paths.
 * Usage: {@code UdpPathProfile [queries-per-client] [clients] [rounds] [output-dir]}; defaults 20000, 4, 3.
 */
public final class UdpPathProfile {
    /** Thread names (as the kernel keeps them, 15 characters) and the part of the path they are. */
    private static final Map<String, String> ROLES = new LinkedHashMap<>();
    /** The names of {@link DnsLoad}'s client threads. */
    private static final String CLIENT_THREADS = "pool-";

    static {
        ROLES.put("kftray-io", "kftray: udp forward and port-forward tunnel");
        ROLES.put("multiThreadIoEv", "API server emulator (kubelet side)");
        ROLES.put("relay-io", "relay");
        ROLES.put("dnsmasq", "dnsmasq");
    }

    private UdpPathProfile() {
    }

    /** One round of one path: CPU microseconds and context switches per query, by role. */
    private record Round(String path, long queries, double seconds, Map<String, double[]> perQuery) {
        double queriesPerSecond() {
            return queries / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int each = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Path home = Files.createTempDirectory("udp-profile");
        List<Round> direct = new ArrayList<>();
        List<Round> relay = new ArrayList<>();
        String loadBefore = ProcFs.loadAverage();
        try (UdpRelayPath path = UdpRelayPath.start(home)) {
            long dnsmasq = dnsmasqPid();
            DnsLoad.run(path.dns().address(), UdpRelayPath.RECORDS, clients, each);
            DnsLoad.run(path.forward().address(), UdpRelayPath.RECORDS, clients, each);
            for (int round = 1; round <= rounds; round++) {
                boolean directFirst = round % 2 == 1;
                for (int leg = 0; leg < 2; leg++) {
                    boolean isDirect = directFirst == (leg == 0);
                    InetSocketAddress address = isDirect ? path.dns().address() : path.forward().address();
                    Round measured = measure(isDirect ? "direct" : "relay", address, clients, each, dnsmasq);
                    (isDirect ? direct : relay).add(measured);
                    System.out.printf("round %d %s: %.0f queries/s%n", round, measured.path(),
                            measured.queriesPerSecond());
                }
            }
        } finally {
            FileTrees.delete(home);
        }
        report(clients, each, loadBefore, ProcFs.loadAverage(), direct, relay, out);
    }

    private static Round measure(String name, InetSocketAddress address, int clients, int each, long dnsmasq)
            throws Exception {
        long self = ProcessHandle.current().pid();
        Map<String, ThreadCpu.Sample> beforeSelf = ThreadCpu.sample(self);
        Map<String, ThreadCpu.Sample> beforeDns = ThreadCpu.sample(dnsmasq);
        DnsLoad.Result result = DnsLoad.run(address, UdpRelayPath.RECORDS, clients, each);
        Map<String, ThreadCpu.Sample> afterSelf = ThreadCpu.sample(self);
        Map<String, ThreadCpu.Sample> afterDns = ThreadCpu.sample(dnsmasq);
        Map<String, double[]> perQuery = new TreeMap<>();
        addPerQuery(perQuery, beforeSelf, afterSelf, result.answered());
        addPerQuery(perQuery, beforeDns, afterDns, result.answered());
        return new Round(name, result.answered(), result.nanos() / 1e9, perQuery);
    }

    /** Adds each thread's CPU microseconds and switches per query to its role's sums. */
    private static void addPerQuery(Map<String, double[]> sums, Map<String, ThreadCpu.Sample> before,
                                    Map<String, ThreadCpu.Sample> after, long queries) {
        after.forEach((tid, end) -> {
            if (end.name().startsWith(CLIENT_THREADS)) {
                return;
            }
            ThreadCpu.Sample start = before.getOrDefault(tid, new ThreadCpu.Sample(end.name(), 0, 0));
            double[] role = sums.computeIfAbsent(role(end.name()), r -> new double[2]);
            role[0] += (end.cpuNanos() - start.cpuNanos()) / 1e3 / queries;
            role[1] += (double) (end.switches() - start.switches()) / queries;
        });
    }

    private static String role(String threadName) {
        return ROLES.entrySet().stream().filter(e -> threadName.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other threads (JIT, GC, timers)");
    }

    private static long dnsmasqPid() {
        return ProcessHandle.current().children().filter(child -> child.info().command().orElse("")
                .endsWith("dnsmasq")).findFirst().orElseThrow(() -> new IllegalStateException("no dnsmasq child"))
                .pid();
    }

    private static void report(int clients, int each, String loadBefore, String loadAfter, List<Round> direct,
                               List<Round> relay, Path out) throws IOException {
        Round d = median(direct);
        Round r = median(relay);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(direct.size(), relay.size()); i++) {
            ratios.add(relay.get(i).queriesPerSecond() / direct.get(i).queriesPerSecond());
        }
        ratios.sort(null);
        BenchResults json = new BenchResults("udp-profile").parameter("clients", clients)
                .parameter("queries_per_client", each).parameter("rounds", direct.size())
                .parameter("load_average_before", loadBefore).parameter("load_average_after", loadAfter);
        ResultTable table = new ResultTable("thread role", "direct CPU us/query", "direct switches/query",
                "relay CPU us/query", "relay switches/query");
        Map<String, double[]> roles = new TreeMap<>(r.perQuery());
        d.perQuery().keySet().forEach(role -> roles.putIfAbsent(role, new double[2]));
        double[] totals = new double[4];
        roles.forEach((role, relayFigures) -> {
            double[] directFigures = d.perQuery().getOrDefault(role, new double[2]);
            table.row(role, Throughput.format(directFigures[0]), Throughput.format(directFigures[1]),
                    Throughput.format(relayFigures[0]), Throughput.format(relayFigures[1]));
            json.result(Map.of("role", role, "direct_cpu_us_per_query", directFigures[0],
                    "direct_switches_per_query", directFigures[1], "relay_cpu_us_per_query", relayFigures[0],
                    "relay_switches_per_query", relayFigures[1]));
            totals[0] += directFigures[0];
            totals[1] += directFigures[1];
            totals[2] += relayFigures[0];
            totals[3] += relayFigures[1];
        });
        table.row("all", Throughput.format(totals[0]), Throughput.format(totals[1]), Throughput.format(totals[2]),
                Throughput.format(totals[3]));
        json.summary("direct_queries_per_s", d.queriesPerSecond()).summary("relay_queries_per_s", r.queriesPerSecond())
                .summary("relay_to_direct_by_round", ratios).summary("direct_cpu_us_per_query", totals[0])
                .summary("relay_cpu_us_per_query", totals[2]);
        System.out.printf("%d clients, %d queries each; load average %s before, %s after%n", clients, each,
                loadBefore, loadAfter);
        System.out.printf("median rounds: direct %.0f queries/s, relay %.0f queries/s; relay / direct by round %s%n",
                d.queriesPerSecond(), r.queriesPerSecond(),
                ratios.stream().map(Throughput::format).toList());
        table.print(System.out);
        System.out.println("written " + json.write(out));
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.queriesPerSecond(), b.queriesPerSecond()));
        return sorted.get(sorted.size() / 2);
    }
}
