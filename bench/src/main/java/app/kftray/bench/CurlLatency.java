package app.kftray.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Request latency as curl sees it: one curl process fetching a URL many times, each on a new connection
 * ({@code Connection: close}), its {@code %{time_total}} per request.
 */
final class CurlLatency {
    private CurlLatency() {
    }

    /** @return whether curl is installed */
    static boolean available() {
        return ExternalTool.installed("curl");
    }

    /**
     * @param target   an HTTP server, or a forward to one
     * @param requests how many requests
     * @return the latencies' p50 and p99, milliseconds
     */
    static double[] p50p99(InetSocketAddress target, int requests) throws IOException, InterruptedException {
        String url = "http://" + target.getHostString() + ":" + target.getPort() + "/";
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-H", "Connection: close",
                "-w", "%{time_total}\\n"));
        for (int i = 0; i < requests; i++) {
            command.add(url);
            command.add("-o");
            command.add("/dev/null");
        }
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!curl.waitFor(120, TimeUnit.SECONDS) || curl.exitValue() != 0) {
            curl.destroyForcibly();
            throw new IOException("curl " + url + " failed (exit " + curl.exitValue() + ")");
        }
        double[] millis = out.lines().mapToDouble(line -> Double.parseDouble(line.trim()) * 1000).sorted().toArray();
        if (millis.length != requests) {
            throw new IOException("curl reported " + millis.length + " of " + requests + " requests");
        }
        return new double[] {percentile(millis, 0.50), percentile(millis, 0.99)};
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
