package app.kftray.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Turns the results under {@code target/bench} into what a reader takes in at a glance: a Markdown table
 * ({@code report.md}, ready for BENCHMARKS.md) and bar charts (PNG) of throughput, latency percentiles and memory
 * from {@link HeadlessBench}, followed by the summaries of every other benchmark that ran.
 * Usage: {@code BenchReport [dir]}; default target/bench.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> THROUGHPUT = List.of("bulk MiB/s", "64-way MiB/s", "iperf3 MiB/s",
            "iperf3 -P64 MiB/s");
    private static final List<String> LATENCY = List.of("connect p50 ms", "connect p99 ms", "curl p50 ms",
            "curl p99 ms");

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : BenchResults.defaultDirectory();
        StringBuilder md = new StringBuilder();
        Path headless = dir.resolve("headless.json");
        if (Files.exists(headless)) {
            headless(JSON.readTree(headless.toFile()), dir, md);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                if (!file.equals(headless)) {
                    summary(JSON.readTree(file.toFile()), md);
                }
            }
        }
        Path report = dir.resolve("report.md");
        Files.writeString(report, md);
        System.out.println("written " + report);
    }

    private static void headless(JsonNode doc, Path dir, StringBuilder md) throws IOException {
        md.append("### kftray --headless, kubectl port-forward and direct loopback\n\n")
                .append("Medians of ").append(doc.path("parameters").path("rounds").asInt())
                .append(" alternating rounds; load average at the end ")
                .append(doc.path("parameters").path("load_average").asText()).append("; tunnel TLS ")
                .append(doc.path("parameters").path("tunnel_tls").asText()).append(".\n\n");
        List<String> columns = new ArrayList<>();
        doc.path("results").get(0).path("medians").fieldNames().forEachRemaining(columns::add);
        md.append("| path | ").append(String.join(" | ", columns)).append(" |\n|---|")
                .append("---:|".repeat(columns.size())).append('\n');
        for (JsonNode result : doc.path("results")) {
            md.append("| ").append(result.path("variant").asText());
            columns.forEach(c -> md.append(" | ").append(format(result.path("medians").path(c).asDouble())));
            md.append(" |\n");
        }
        for (Map.Entry<String, JsonNode> ratio : doc.path("summary").properties()) {
            if (ratio.getKey().startsWith("kftray_to_")) {
                md.append("| **").append(ratio.getKey().replace('_', ' ')).append("**");
                columns.forEach(c -> md.append(" | ").append(format(ratio.getValue().path(c).asDouble())));
                md.append(" |\n");
            }
        }
        JsonNode memory = doc.path("summary").path("memory_mib");
        md.append("\n| resident memory, MiB | idle | peak under load | one minute after |\n|---|---:|---:|---:|\n")
                .append("| kftray --headless (10 forwards) | ").append(format(memory.path("kftray_idle_mib").asDouble()))
                .append(" | ").append(format(memory.path("kftray_peak_mib").asDouble())).append(" | ")
                .append(format(memory.path("kftray_after_1min_mib").asDouble())).append(" |\n")
                .append("| kubectl port-forward (one of three) | ")
                .append(format(memory.path("kubectl_idle_mib_each").asDouble())).append(" | ")
                .append(format(memory.path("kubectl_peak_mib").asDouble())).append(" | ")
                .append(format(memory.path("kubectl_after_1min_mib").asDouble())).append(" |\n\n");
        chart(doc, THROUGHPUT, "TCP throughput (MiB/s, higher is better)", dir.resolve("throughput.png"));
        chart(doc, LATENCY, "Connect and request latency (ms, lower is better)", dir.resolve("latency.png"));
        memoryChart(memory, dir.resolve("memory.png"));
        md.append("![throughput](throughput.png) ![latency](latency.png) ![memory](memory.png)\n\n");
    }

    private static void chart(JsonNode doc, List<String> columns, String title, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title).build();
        for (JsonNode result : doc.path("results")) {
            List<Double> values = columns.stream().map(c -> result.path("medians").path(c).asDouble()).toList();
            chart.addSeries(result.path("variant").asText(), columns, values);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void memoryChart(JsonNode memory, Path file) throws IOException {
        List<String> when = List.of("idle", "peak under load", "one minute after");
        CategoryChart chart = new CategoryChartBuilder().width(700).height(450)
                .title("Resident memory (MiB, lower is better)").build();
        chart.addSeries("kftray --headless", when, List.of(memory.path("kftray_idle_mib").asDouble(),
                memory.path("kftray_peak_mib").asDouble(), memory.path("kftray_after_1min_mib").asDouble()));
        chart.addSeries("kubectl port-forward", when, List.of(memory.path("kubectl_idle_mib_each").asDouble(),
                memory.path("kubectl_peak_mib").asDouble(), memory.path("kubectl_after_1min_mib").asDouble()));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Any other benchmark: its name and its summary figures, or its result rows when it has no summary. */
    private static void summary(JsonNode doc, StringBuilder md) {
        md.append("### ").append(doc.path("benchmark").asText()).append("\n\n");
        if (doc.path("summary").isEmpty()) {
            results(doc.path("results"), md);
            return;
        }
        md.append("| figure | value |\n|---|---:|\n");
        for (Map.Entry<String, JsonNode> figure : doc.path("summary").properties()) {
            md.append("| ").append(figure.getKey()).append(" | ").append(cell(figure.getValue())).append(" |\n");
        }
        md.append('\n');
    }

    /** One row per result, one column per field of the first. */
    private static void results(JsonNode results, StringBuilder md) {
        if (!results.isArray() || results.isEmpty()) {
            md.append("(no results)\n\n");
            return;
        }
        List<String> columns = new ArrayList<>();
        results.get(0).fieldNames().forEachRemaining(columns::add);
        md.append("| ").append(String.join(" | ", columns)).append(" |\n|")
                .append("---|".repeat(columns.size())).append('\n');
        for (JsonNode result : results) {
            md.append("| ");
            for (String column : columns) {
                md.append(cell(result.path(column))).append(" | ");
            }
            md.setLength(md.length() - 1);
            md.append('\n');
        }
        md.append('\n');
    }

    private static String cell(JsonNode v) {
        return v.isIntegralNumber() ? v.asText() : v.isNumber() ? format(v.asDouble()) : v.isTextual() ? v.asText() : v.toString();
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }
}
