package app.kftray.httplog.internal;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpExchangeRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs the real logging component on a temporary directory: feeds conversations through taps in
 * randomly split pieces and reads back what was written.
 */
final class TapHarness implements AutoCloseable {
    static final long CONFIG_ID = 7;
    private static final ObjectMapper JSON = LogJson.mapper();

    final HttpLogSettings settings;
    final HttpLogComponent component;
    private final Random random;
    private boolean stopped;

    TapHarness(TestSettings settings, long seed) {
        this.settings = settings.build();
        this.component = new HttpLogComponent(this.settings);
        this.random = new Random(seed);
    }

    static ForwardConfig config() {
        return ForwardConfig.builder().id(CONFIG_ID).alias("web").namespace("default").service("web")
                .remotePort(80).localPort(8080).httpLogsEnabled(true).build();
    }

    HttpTap open(String connectionId) {
        return component.open(config(), connectionId);
    }

    /** Sends bytes from the client in pieces of random size. */
    void client(HttpTap tap, byte[] bytes) {
        split(bytes, piece -> tap.clientBytes(Unpooled.wrappedBuffer(piece)));
    }

    void client(HttpTap tap, String text) {
        client(tap, ascii(text));
    }

    void server(HttpTap tap, byte[] bytes) {
        split(bytes, piece -> tap.serverBytes(Unpooled.wrappedBuffer(piece)));
    }

    void server(HttpTap tap, String text) {
        server(tap, ascii(text));
    }

    /** One GET answered by an empty 200. */
    void emptyExchange(HttpTap tap, String path) {
        client(tap, "GET " + path + " HTTP/1.1\r\n\r\n");
        server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Stops the component: everything handed over is parsed and flushed. */
    void stop() {
        if (!stopped) {
            stopped = true;
            component.deactivate();
        }
    }

    Path forwardDir() {
        return settings.logRoot().resolve(Long.toString(CONFIG_ID));
    }

    List<JsonNode> jsonLines() {
        stop();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines(forwardDir().resolve("exchanges.jsonl"))) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }

    List<HttpExchangeRecord> entries() {
        List<HttpExchangeRecord> entries = new ArrayList<>();
        for (JsonNode node : jsonLines()) {
            try {
                entries.add(JSON.treeToValue(node, HttpExchangeRecord.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    String view() {
        stop();
        try {
            return Files.readString(forwardDir().resolve("exchanges.http"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void split(byte[] bytes, java.util.function.Consumer<byte[]> sink) {
        int offset = 0;
        while (offset < bytes.length) {
            int size = Math.min(bytes.length - offset, 1 + random.nextInt(random.nextBoolean() ? 7 : 400));
            byte[] piece = new byte[size];
            System.arraycopy(bytes, offset, piece, 0, size);
            sink.accept(piece);
            offset += size;
        }
    }
}
