package app.kftray.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A run of dnsperf (the Debian package), the usual tool for the capacity of a DNS path: one
 * socket with up to {@code outstanding} queries in flight (its default is 100), for a fixed
 * time. It matches every answer to its query by id and counts the answers that are not
 * NOERROR; we count those as failures.
 */
final class DnsPerf {
    private static final Pattern SENT = Pattern.compile("Queries sent:\\s+(\\d+)");
    private static final Pattern COMPLETED = Pattern.compile("Queries completed:\\s+(\\d+)");
    private static final Pattern LOST = Pattern.compile("Queries lost:\\s+(\\d+)");
    private static final Pattern NOERROR = Pattern.compile("NOERROR (\\d+)");
    private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([\\d.]+)");
    private static final Pattern LATENCY = Pattern.compile("Average Latency \\(s\\):\\s+([\\d.]+)");

    private DnsPerf() {
    }

    /**
     * @param sent              queries sent
     * @param completed         queries answered
     * @param lost              queries that timed out
     * @param noError           answers with rcode NOERROR
     * @param queriesPerSecond  completed queries per second
     * @param averageLatencyMs  mean latency
     */
    record Result(long sent, long completed, long lost, long noError, double queriesPerSecond,
                  double averageLatencyMs) {
    }

    /** @return whether dnsperf is installed */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("dnsperf", "-h").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * @param server      a DNS server, or a UDP forward to one
     * @param records     names it answers, queried in turn as A records
     * @param outstanding queries in flight at most
     * @param length      how long to run
     * @param work        a directory for the query file
     * @return dnsperf's statistics
     * @throws IllegalStateException if dnsperf fails or its output cannot be read
     */
    static Result run(InetSocketAddress server, Map<String, String> records, int outstanding, Duration length,
                      Path work) throws IOException, InterruptedException {
        Path queries = work.resolve("dnsperf-queries.txt");
        Files.writeString(queries, records.keySet().stream().map(name -> name + " A")
                .collect(Collectors.joining("\n", "", "\n")));
        List<String> command = List.of("dnsperf", "-s", server.getHostString(), "-p",
                String.valueOf(server.getPort()), "-d", queries.toString(), "-q", String.valueOf(outstanding),
                "-l", String.valueOf(length.toSeconds()), "-t", "1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(length.toSeconds() + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("dnsperf failed: " + out);
        }
        return new Result(number(SENT, out), number(COMPLETED, out), number(LOST, out), number(NOERROR, out),
                decimal(QPS, out), decimal(LATENCY, out) * 1000);
    }

    private static long number(Pattern pattern, String out) {
        return (long) decimal(pattern, out);
    }

    private static double decimal(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + pattern.pattern() + "' in dnsperf's output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
