package app.kftray.httplog.internal;

import app.kftray.api.HttpLogService.HttpTap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Measures the HTTP log: how fast the worker parses and writes HTTP traffic (MiB/s), and what a tap
 * costs the forwarder's thread per buffer handed over, both when the log keeps up and when it is
 * overloaded and drops. Prints a table and writes {@code target/bench/httplog.json}.
 * Run: {@code mvn -pl bundles/httplog -am verify -Pbench -DskipTests}.
 */
public final class HttpLogBenchmark {
    private static final int CONNECTIONS = 50;
    private static final long PACE_BYTES = 32L << 20;
    private static final int PACE_BUFFERS = 2048;

    private record Scenario(String name, Verbosity verbosity, byte[] request, byte[] response, int exchanges) {
    }

    private HttpLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        List<Scenario> scenarios = List.of(
                new Scenario("json 1 KiB, bodies", Verbosity.BODIES, request(0), response(json(1024), false), 400),
                new Scenario("json 1 KiB, summary", Verbosity.SUMMARY, request(0), response(json(1024), false), 400),
                new Scenario("gzip json 16 KiB", Verbosity.BODIES, request(0), response(json(16 * 1024), true), 200),
                new Scenario("upload 256 KiB", Verbosity.BODIES, request(256 * 1024), response(json(64), false), 40));
        List<Map<String, Object>> results = new ArrayList<>();
        System.out.printf("%-22s %10s %12s %14s %16s %s%n", "scenario", "MiB", "parse MiB/s", "exchanges/s",
                "tap ns/buffer", "drops paced / overloaded");
        for (Scenario scenario : scenarios) {
            run(scenario, out.resolve("logs"), false);
            Map<String, Object> result = run(scenario, out.resolve("logs"), false);
            Map<String, Object> overload = run(scenario, out.resolve("logs"), true);
            result.put("overload_tap_ns_per_buffer", overload.get("tap_ns_per_buffer"));
            result.put("overload_dropped_buffers", overload.get("dropped_buffers"));
            results.add(result);
            System.out.printf("%-22s %10.1f %12.1f %14.0f %16.0f %s%n", scenario.name(), result.get("mib"),
                    result.get("parse_mib_per_s"), result.get("exchanges_per_s"), result.get("tap_ns_per_buffer"),
                    result.get("dropped_buffers") + " / " + overload.get("dropped_buffers") + " (overload, "
                            + Math.round((double) overload.get("tap_ns_per_buffer")) + " ns)");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "httplog tap");
        report.put("java", System.getProperty("java.version"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("connections", CONNECTIONS);
        report.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                out.resolve("httplog.json").toFile(), report);
        System.out.println("wrote " + out.resolve("httplog.json"));
    }

    /**
     * Feeds every connection's exchanges in 16 KiB buffers, round robin over connections. Without
     * overload the feeder waits while much is queued (to measure parsing); with overload it never
     * waits and the queue is tiny (to measure the caller's cost when the log drops).
     */
    private static Map<String, Object> run(Scenario scenario, Path logs, boolean overload) throws IOException {
        deleteTree(logs);
        TestSettings settings = new TestSettings(logs);
        settings.verbosity = scenario.verbosity();
        settings.maxBodyBytes = 16 * 1024;
        settings.maxFileBytes = 64L << 20;
        if (overload) {
            settings.queueMaxBuffers = 64;
        }
        HttpLogComponent component = new HttpLogComponent(settings.build());
        List<HttpTap> taps = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            taps.add(component.open(TapHarness.config(), "bench-" + c));
        }
        List<byte[]> requestPieces = pieces(scenario.request());
        List<byte[]> responsePieces = pieces(scenario.response());
        long bytes = 0;
        long buffers = 0;
        long tapNanos = 0;
        long start = System.nanoTime();
        for (int i = 0; i < scenario.exchanges(); i++) {
            for (HttpTap tap : taps) {
                while (!overload && busy(component.statistics())) {
                    Thread.onSpinWait();
                }
                for (byte[] piece : requestPieces) {
                    long t = System.nanoTime();
                    tap.clientBytes(Unpooled.wrappedBuffer(piece));
                    tapNanos += System.nanoTime() - t;
                }
                for (byte[] piece : responsePieces) {
                    long t = System.nanoTime();
                    tap.serverBytes(Unpooled.wrappedBuffer(piece));
                    tapNanos += System.nanoTime() - t;
                }
                buffers += requestPieces.size() + responsePieces.size();
                bytes += scenario.request().length + scenario.response().length;
            }
        }
        taps.forEach(HttpTap::close);
        TapStatistics beforeStop = component.statistics();
        component.deactivate();
        long elapsed = System.nanoTime() - start;
        TapStatistics stats = component.statistics();
        deleteTree(logs);
        double mib = bytes / (1024.0 * 1024.0);
        double seconds = elapsed / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario.name());
        result.put("verbosity", scenario.verbosity().name());
        result.put("mib", mib);
        result.put("exchanges", (long) scenario.exchanges() * CONNECTIONS);
        result.put("parse_mib_per_s", mib / seconds);
        result.put("exchanges_per_s", scenario.exchanges() * (double) CONNECTIONS / seconds);
        result.put("tap_ns_per_buffer", tapNanos / (double) buffers);
        result.put("buffers", buffers);
        result.put("dropped_buffers", Math.max(stats.droppedBuffers(), beforeStop.droppedBuffers()));
        return result;
    }

    private static boolean busy(TapStatistics stats) {
        return stats.pendingBytes() > PACE_BYTES || stats.pendingBuffers() > PACE_BUFFERS;
    }

    private static List<byte[]> pieces(byte[] bytes) {
        List<byte[]> pieces = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += 16 * 1024) {
            int size = Math.min(16 * 1024, bytes.length - offset);
            byte[] piece = new byte[size];
            System.arraycopy(bytes, offset, piece, 0, size);
            pieces.add(piece);
        }
        return pieces;
    }

    private static byte[] request(int bodySize) {
        String head = (bodySize == 0 ? "GET" : "POST") + " /api/v1/orders/12345?expand=items HTTP/1.1\r\n"
                + "Host: orders.default.svc\r\nUser-Agent: bench/1.0\r\nAccept: application/json\r\n"
                + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.bench\r\nX-Request-Id: bench-request\r\n"
                + (bodySize == 0 ? "" : "Content-Type: text/plain\r\nContent-Length: " + bodySize + "\r\n") + "\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), "x".repeat(bodySize).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] response(String body, boolean gzip) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
                out.write(content);
            }
            content = compressed.toByteArray();
        }
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nServer: bench\r\n"
                + (gzip ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: " + content.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), content);
    }

    private static String json(int size) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; json.length() < size - 20; i++) {
            json.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i).append("\"},");
        }
        return json.append("{}]}").toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
