package app.kftray.itests.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * One answer of the metrics endpoint, and what a test reads in it.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header
 * @param body        the body as text
 */
record Scrape(int status, String contentType, String body) {
    /**
     * @param url what to GET
     * @return the answer
     */
    static Scrape get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(5000);
        try {
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Scrape(status, connection.getContentType(), body);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * @param name     a sample name, e.g. {@code kftray_forward_bytes_out_total}
     * @param labels   labels the series carries, e.g. {@code alias="web"}
     * @return the value of the first such sample
     */
    OptionalDouble value(String name, String... labels) {
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * Runs {@code promtool check metrics} (Debian package prometheus) on the body.
     *
     * @return promtool's exit code (0 valid, 1 unparsable, 3 lint problems) and output
     */
    String promtool() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish");
        }
        return process.exitValue() + (output.isEmpty() ? "" : " " + output);
    }
}
