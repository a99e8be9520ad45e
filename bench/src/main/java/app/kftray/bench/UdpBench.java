package app.kftray.bench;

import app.kftray.api.model.ResolvedTarget;
import app.kftray.api.model.WorkloadType;
import app.kftray.emulator.Dnsmasq;
import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relay paths against direct loopback, in one run. DNS: a real dnsmasq queried directly, and
 * through a udp forward (local UDP → forward-udp → port-forward → emulator → relay → dnsmasq),
 * closed loop from a few clients (latency) and from many (capacity: like a resolver serving many
 * callers, as many queries in flight as clients), every answer checked; direct and relay are
 * measured in alternating rounds and each figure is that of the round with the median rate. When
 * dnsperf is installed, each round also runs it on both paths: one socket with up to 100 queries
 * in flight, the way DNS capacity is usually measured.
 * TCP: echo throughput and round trips of DNS-sized messages directly and through a proxy-workload forward (forward-tcp → port-forward →
 * emulator → relay → echo server); those round trips are the ceiling of DNS via the relay.
 * Usage: {@code UdpBench [queries-per-client] [clients] [MiB] [output-dir] [loaded-clients] [rounds]};
 * defaults 5000, 4, 256, target/bench, 32, 3.
 */
public final class UdpBench {
    private static final Map<String, String> RECORDS = UdpRelayPath.RECORDS;
    private static final int PARALLEL_CONNECTIONS = 16;
    /** Round trips of DNS-sized messages: the ceiling of the TCP path for request/response traffic. */
    private static final int RTT_BYTES = 64;
    /** dnsperf's default: queries in flight on its one socket. */
    private static final int PERF_OUTSTANDING = 100;
    private static final Duration PERF_LENGTH = Duration.ofSeconds(5);
    /** The goal for queries per second through the relay, as a fraction of direct. */
    private static final double UDP_QPS_GOAL = 0.3;

    private UdpBench() {
    }

    /** What was asked for. */
    private record Parameters(int queriesEach, int clients, long bytes, int loadedClients, int rounds) {
        /** The whole path (TLS, WebSocket, emulator, relay) needs as long a JIT warm-up as the run itself. */
        int warmupEach() {
            return queriesEach;
        }
    }

    /** DNS figures of one path with some clients. */
    private record Dns(String name, int clients, DnsLoad.Result result) {
        String label() {
            return name + ", " + clients + " clients";
        }
    }

    /** dnsperf's figures of one path. */
    private record Perf(String name, DnsPerf.Result result) {
    }

    /**
     * Relay / direct of each round, where both were measured minutes apart at most: on a machine
     * whose speed drifts, the median of these is steadier than the ratio of the two medians.
     */
    private record Paired(String label, List<Double> ratios) {
        static Paired of(String label, List<Double> relay, List<Double> direct) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(relay.size(), direct.size()); i++) {
                ratios.add(relay.get(i) / direct.get(i));
            }
            return new Paired(label, ratios.stream().sorted().toList());
        }

        double median() {
            return ratios.get(ratios.size() / 2);
        }
    }

    /** TCP figures of one path. */
    private record Tcp(String name, EchoProbe.Result bulk, EchoProbe.Result parallel, RoundTrip.Result rtt) {
    }

    public static void main(String[] args) throws Exception {
        Parameters p = new Parameters(args.length > 0 ? Integer.parseInt(args[0]) : 5000,
                args.length > 1 ? Integer.parseInt(args[1]) : 4, (args.length > 2 ? Long.parseLong(args[2]) : 256) << 20,
                args.length > 4 ? Integer.parseInt(args[4]) : 32, args.length > 5 ? Integer.parseInt(args[5]) : 3);
        Path out = args.length > 3 ? Path.of(args[3]) : BenchResults.defaultDirectory();
        Path home = Files.createTempDirectory("udp-bench");
        List<Dns> directDns;
        List<Dns> relayDns;
        List<Perf> perfs = new ArrayList<>();
        List<Paired> paired = new ArrayList<>();
        Tcp directTcp;
        Tcp relayTcp;
        try (EchoServer echo = EchoServer.start(); UdpRelayPath relayPath = UdpRelayPath.start(home)) {
            DataPath path = relayPath.dataPath();
            Dnsmasq dns = relayPath.dns();
            OursForward udp = relayPath.forward();
            directTcp = measureTcp("direct loopback", echo.address(), p);
            ResolvedTarget tcpRelay = RelayPod.deploy(path.workloads(), relayPath.cluster(), UdpRelayPath.NAMESPACE,
                    "relay-tcp", "tcp", echo.address().getHostString(), echo.address().getPort());
            try (OursForward tcp = new OursForward(path, relayPath.forwardConfig().alias("echo")
                    .workloadType(WorkloadType.PROXY).service(null).remoteAddress(echo.address().getHostString())
                    .remotePort(echo.address().getPort()).protocol("tcp").build(), path.tcp(), tcpRelay)) {
                List<List<Dns>> directRounds = new ArrayList<>();
                List<List<Dns>> relayRounds = new ArrayList<>();
                List<Perf> directPerfs = new ArrayList<>();
                List<Perf> relayPerfs = new ArrayList<>();
                boolean dnsperf = DnsPerf.available();
                warmUp(dns.address(), p);
                warmUp(udp.address(), p);
                // the relay path under dnsperf's load runs code the closed loop does not (batches)
                perf(dnsperf, "kftray udp relay (warm-up)", udp.address(), home);
                for (int round = 1; round <= p.rounds(); round++) {
                    // alternating order, so a machine whose speed drifts favours neither path
                    if (round % 2 == 1) {
                        directRounds.add(measureDns("direct dnsmasq", round, dns.address(), p));
                        perf(dnsperf, "direct dnsmasq", dns.address(), home).ifPresent(directPerfs::add);
                    }
                    relayRounds.add(measureDns("kftray udp relay", round, udp.address(), p));
                    perf(dnsperf, "kftray udp relay", udp.address(), home).ifPresent(relayPerfs::add);
                    if (round % 2 == 0) {
                        directRounds.add(measureDns("direct dnsmasq", round, dns.address(), p));
                        perf(dnsperf, "direct dnsmasq", dns.address(), home).ifPresent(directPerfs::add);
                    }
                }
                paired.addAll(pairByRound(directRounds, relayRounds, directPerfs, relayPerfs));
                directDns = medianByQueriesPerSecond(directRounds);
                relayDns = medianByQueriesPerSecond(relayRounds);
                if (dnsperf) {
                    perfs.add(medianPerf(directPerfs));
                    perfs.add(medianPerf(relayPerfs));
                } else {
                    System.out.println("dnsperf is not installed (Debian package dnsperf): no capacity figures");
                }
                relayTcp = measureTcp("kftray proxy relay", tcp.address(), p);
            }
        } finally {
            FileTrees.delete(home);
        }
        report(p, directDns, relayDns, perfs, paired, List.of(directTcp, relayTcp), out);
    }

    private static List<Paired> pairByRound(List<List<Dns>> directRounds, List<List<Dns>> relayRounds,
                                            List<Perf> directPerfs, List<Perf> relayPerfs) {
        List<Paired> paired = new ArrayList<>();
        for (int i = 0; i < directRounds.get(0).size(); i++) {
            int column = i;
            paired.add(Paired.of("DNS queries/s, " + directRounds.get(0).get(i).clients() + " clients",
                    relayRounds.stream().map(round -> round.get(column).result().queriesPerSecond()).toList(),
                    directRounds.stream().map(round -> round.get(column).result().queriesPerSecond()).toList()));
        }
        if (!directPerfs.isEmpty()) {
            paired.add(Paired.of("DNS queries/s, dnsperf (" + PERF_OUTSTANDING + " in flight)",
                    relayPerfs.stream().map(perf -> perf.result().queriesPerSecond()).toList(),
                    directPerfs.stream().map(perf -> perf.result().queriesPerSecond()).toList()));
        }
        return paired;
    }

    /** @return for each number of clients, the round with the median queries per second */
    private static List<Dns> medianByQueriesPerSecond(List<List<Dns>> rounds) {
        List<Dns> medians = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            int clients = i;
            List<Dns> sorted = rounds.stream().map(round -> round.get(clients))
                    .sorted(Comparator.comparingDouble(dns -> dns.result().queriesPerSecond())).toList();
            medians.add(sorted.get(sorted.size() / 2));
        }
        return medians;
    }

    private static Optional<Perf> perf(boolean available, String name, InetSocketAddress address, Path work)
            throws Exception {
        if (!available) {
            return Optional.empty();
        }
        System.out.println("dnsperf via " + name + " ...");
        return Optional.of(new Perf(name, DnsPerf.run(address, RECORDS, PERF_OUTSTANDING, PERF_LENGTH, work)));
    }

    private static Perf medianPerf(List<Perf> rounds) {
        List<Perf> sorted = rounds.stream()
                .sorted(Comparator.comparingDouble(perf -> perf.result().queriesPerSecond())).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void warmUp(InetSocketAddress address, Parameters p) throws Exception {
        DnsLoad.run(address, RECORDS, p.clients(), p.warmupEach());
    }

    /** @return the figures with few clients, then with many */
    private static List<Dns> measureDns(String name, int round, InetSocketAddress address, Parameters p)
            throws Exception {
        System.out.println("round " + round + ": measuring DNS via " + name + " ...");
        List<Dns> measured = new ArrayList<>();
        for (int clients : List.of(p.clients(), p.loadedClients())) {
            measured.add(new Dns(name, clients, DnsLoad.run(address, RECORDS, clients,
                    p.queriesEach() * p.clients() / clients)));
        }
        return measured;
    }

    private static Tcp measureTcp(String name, InetSocketAddress address, Parameters p) throws Exception {
        System.out.println("measuring TCP via " + name + " ...");
        // a warm-up as long as the run: the relay path's bulk code is compiled only after many MiB
        return new Tcp(name, Throughput.measure(address, p.bytes(), p.bytes()),
                ParallelThroughput.measure(address, PARALLEL_CONNECTIONS, p.bytes() / PARALLEL_CONNECTIONS),
                RoundTrip.measure(address, RTT_BYTES, p.clients(), p.queriesEach() / 2));
    }

    private static void report(Parameters p, List<Dns> direct, List<Dns> relay, List<Perf> perfs,
                               List<Paired> paired, List<Tcp> tcp, Path out) throws IOException {
        BenchResults json = new BenchResults("udp").parameter("dns_clients", p.clients())
                .parameter("dns_loaded_clients", p.loadedClients())
                .parameter("dns_queries", p.queriesEach() * p.clients())
                .parameter("dns_server", "dnsmasq, fixed A records, no cache, no upstream")
                .parameter("dns_mode", "closed loop: one outstanding query per client, 1 s timeout")
                .parameter("dnsperf", "one socket, " + PERF_OUTSTANDING + " queries in flight, "
                        + PERF_LENGTH.toSeconds() + " s per round, 1 s timeout")
                .parameter("dns_rounds", p.rounds() + ", direct and relay alternating; the median round by queries/s")
                .parameter("tcp_bulk_bytes", p.bytes()).parameter("tcp_parallel_connections", PARALLEL_CONNECTIONS)
                .parameter("tcp_payload", "echo; bytes travel both ways, counted once")
                .parameter("tcp_round_trips", "closed loop, " + RTT_BYTES + "-byte messages, as many connections as"
                        + " DNS clients, half as many round trips each as queries");
        ResultTable dnsTable = new ResultTable("DNS path", "answered", "lost", "queries/s", "p50 ms", "p99 ms");
        for (Dns path : interleave(direct, relay)) {
            DnsLoad.Result r = path.result();
            dnsTable.row(path.label(), r.answered(), r.lost(), Throughput.format(r.queriesPerSecond()),
                    Throughput.format(r.p50()), Throughput.format(r.p99()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("variant", path.name());
            entry.put("clients", path.clients());
            entry.put("answered", r.answered());
            entry.put("lost", r.lost());
            entry.put("queries_per_s", r.queriesPerSecond());
            entry.put("p50_ms", r.p50());
            entry.put("p99_ms", r.p99());
            json.result(entry);
        }
        ResultTable perfTable = new ResultTable("dnsperf path", "sent", "answered", "lost", "not NOERROR",
                "queries/s", "mean ms");
        for (Perf perf : perfs) {
            DnsPerf.Result r = perf.result();
            perfTable.row(perf.name(), r.sent(), r.completed(), r.lost(), r.completed() - r.noError(),
                    Throughput.format(r.queriesPerSecond()), Throughput.format(r.averageLatencyMs()));
            json.result(Map.of("variant", perf.name() + ", dnsperf", "sent", r.sent(), "answered", r.completed(),
                    "lost", r.lost(), "not_noerror", r.completed() - r.noError(),
                    "queries_per_s", r.queriesPerSecond(), "mean_ms", r.averageLatencyMs()));
        }
        ResultTable tcpTable = new ResultTable("TCP path", "bulk MiB/s", "parallel MiB/s", "round trips/s",
                "rtt p50 ms", "rtt p99 ms");
        for (Tcp path : tcp) {
            tcpTable.row(path.name(), Throughput.format(path.bulk().mibPerSecond()),
                    Throughput.format(path.parallel().mibPerSecond()), Throughput.format(path.rtt().perSecond()),
                    Throughput.format(path.rtt().p50()),
                    Throughput.format(path.rtt().p99()));
            json.result(Map.of("variant", path.name(), "bulk_mib_per_s", path.bulk().mibPerSecond(),
                    "parallel_mib_per_s", path.parallel().mibPerSecond(), "round_trips_per_s",
                    path.rtt().perSecond(), "rtt_p50_ms", path.rtt().p50(), "rtt_p99_ms", path.rtt().p99()));
        }
        ResultTable ratios = new ResultTable("relay / direct", "value", "goal");
        for (int i = 0; i < direct.size(); i++) {
            DnsLoad.Result d = direct.get(i).result();
            DnsLoad.Result r = relay.get(i).result();
            int clients = direct.get(i).clients();
            double qpsRatio = r.queriesPerSecond() / d.queriesPerSecond();
            ratios.row("DNS queries/s, " + clients + " clients", Throughput.format(qpsRatio), ">= " + UDP_QPS_GOAL)
                    .row("DNS p50 latency, " + clients + " clients", Throughput.format(r.p50() / d.p50()), "")
                    .row("DNS p99 latency, " + clients + " clients", Throughput.format(r.p99() / d.p99()), "");
            String suffix = "_" + clients + "_clients";
            json.summary("dns_qps_relay_to_direct" + suffix, qpsRatio)
                    .summary("dns_qps_goal_met" + suffix, qpsRatio >= UDP_QPS_GOAL)
                    .summary("dns_p50_relay_to_direct" + suffix, r.p50() / d.p50())
                    .summary("dns_p99_relay_to_direct" + suffix, r.p99() / d.p99());
        }
        if (!perfs.isEmpty()) {
            double perfRatio = perfs.get(1).result().queriesPerSecond() / perfs.get(0).result().queriesPerSecond();
            ratios.row("DNS queries/s, dnsperf (" + PERF_OUTSTANDING + " in flight)", Throughput.format(perfRatio),
                    ">= " + UDP_QPS_GOAL);
            json.summary("dns_qps_relay_to_direct_dnsperf", perfRatio)
                    .summary("dns_qps_goal_met_dnsperf", perfRatio >= UDP_QPS_GOAL);
        }
        ResultTable pairedTable = new ResultTable("relay / direct, each round's pair", "median", "min", "max",
                "goal");
        for (Paired pair : paired) {
            pairedTable.row(pair.label(), Throughput.format(pair.median()), Throughput.format(pair.ratios().get(0)),
                    Throughput.format(pair.ratios().get(pair.ratios().size() - 1)), ">= " + UDP_QPS_GOAL);
            json.result(Map.of("variant", "relay / direct by round: " + pair.label(), "ratios", pair.ratios(),
                    "median", pair.median()));
        }
        double bulkRatio = tcp.get(1).bulk().mibPerSecond() / tcp.get(0).bulk().mibPerSecond();
        double parallelRatio = tcp.get(1).parallel().mibPerSecond() / tcp.get(0).parallel().mibPerSecond();
        // every query costs one round trip through the port-forward: that rate is the UDP path's ceiling
        double ceilingRatio = relay.get(0).result().queriesPerSecond() / tcp.get(1).rtt().perSecond();
        ratios.row("TCP bulk", Throughput.format(bulkRatio), "")
                .row("TCP parallel", Throughput.format(parallelRatio), "")
                .row("DNS queries/s / relay TCP round trips/s", Throughput.format(ceilingRatio), "");
        json.summary("dns_qps_goal", UDP_QPS_GOAL)
                .summary("tcp_bulk_relay_to_direct", bulkRatio)
                .summary("tcp_parallel_relay_to_direct", parallelRatio)
                .summary("dns_qps_to_relay_tcp_round_trips", ceilingRatio);
        dnsTable.print(System.out);
        System.out.println();
        if (!perfs.isEmpty()) {
            perfTable.print(System.out);
            System.out.println();
        }
        tcpTable.print(System.out);
        System.out.println();
        ratios.print(System.out);
        System.out.println();
        pairedTable.print(System.out);
        System.out.println("written " + json.write(out));
    }

    private static List<Dns> interleave(List<Dns> direct, List<Dns> relay) {
        List<Dns> rows = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            rows.add(direct.get(i));
            rows.add(relay.get(i));
        }
        return rows;
    }
}
