package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exchanges fed through a real tap, split at random boundaries, and read back from the JSON-lines log. */
class HttpTapExchangeTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void simpleExchangeIsWrittenWithExactFieldsSizesAndTimes(long seed) {
        String request = "GET /api/items?x=1 HTTP/1.1\r\nHost: web\r\nAccept: */*\r\n\r\n";
        String responseHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n";
        try (TapHarness harness = new TapHarness(new TestSettings(root), seed)) {
            HttpTap tap = harness.open("c1");
            harness.client(tap, request);
            harness.server(tap, responseHead + "{\"ok\":true}");
            tap.close();

            List<JsonNode> lines = harness.jsonLines();
            assertEquals(1, lines.size());
            JsonNode entry = lines.get(0);
            assertEquals(Set.of("kind", "trace_id", "forward", "connection_id", "sequence", "request_start",
                    "response_start", "end", "method", "uri", "status", "request", "response", "notes"),
                    fieldNames(entry));
            assertEquals("EXCHANGE", entry.get("kind").asText());
            assertTrue(entry.get("trace_id").asText().matches(UUID), entry.toString());
            assertEquals("7", entry.get("forward").asText());
            assertEquals("c1", entry.get("connection_id").asText());
            assertEquals(1, entry.get("sequence").asLong());
            assertEquals("GET", entry.get("method").asText());
            assertEquals("/api/items?x=1", entry.get("uri").asText());
            assertEquals(200, entry.get("status").asInt());
            assertEquals(0, entry.get("notes").size());

            JsonNode req = entry.get("request");
            assertEquals("GET /api/items?x=1 HTTP/1.1", req.get("start_line").asText());
            assertEquals("[{\"name\":\"Host\",\"value\":\"web\"},{\"name\":\"Accept\",\"value\":\"*/*\"}]",
                    req.get("headers").toString());
            assertEquals(request.length(), req.get("header_bytes").asLong());
            assertEquals(0, req.get("body_bytes").asLong());
            assertEquals(0, req.get("decoded_bytes").asLong());
            assertEquals("NONE", req.get("body_format").asText());
            assertNull(req.get("body"));

            JsonNode res = entry.get("response");
            assertEquals("HTTP/1.1 200 OK", res.get("start_line").asText());
            assertEquals(responseHead.length(), res.get("header_bytes").asLong());
            assertEquals(11, res.get("body_bytes").asLong());
            assertEquals(11, res.get("decoded_bytes").asLong());
            assertEquals("TEXT", res.get("body_format").asText());
            assertEquals("{\"ok\":true}", res.get("body").asText());
            assertFalse(res.get("truncated").asBoolean());

            HttpExchangeRecord record = harness.entries().get(0);
            assertFalse(record.responseStart().isBefore(record.requestStart()));
            assertFalse(record.end().isBefore(record.responseStart()));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void pipelinedAndKeepAliveExchangesArePairedInOrder(long seed) {
        try (TapHarness harness = new TapHarness(new TestSettings(root), seed)) {
            HttpTap tap = harness.open("keepalive");
            harness.client(tap, "GET /a HTTP/1.1\r\nHost: w\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: w\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
                    + "HEAD /c HTTP/1.1\r\nHost: w\r\n\r\n"
                    + "GET /d HTTP/1.1\r\nHost: w\r\nIf-None-Match: \"x\"\r\n\r\n"
                    + "DELETE /e HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                    + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nB!\r\n0\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                    + "HTTP/1.1 304 Not Modified\r\nContent-Length: 20\r\n\r\n"
                    + "HTTP/1.1 204 No Content\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                harness.client(tap, "GET /again/" + i + " HTTP/1.1\r\nHost: w\r\n\r\n");
                harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr" + i);
            }
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            List<String> summary = new ArrayList<>();
            for (HttpExchangeRecord e : entries) {
                summary.add(e.sequence() + " " + e.method() + " " + e.uri() + " " + e.status() + " "
                        + e.response().decodedBytes() + " " + e.response().body());
            }
            assertEquals(List.of("1 GET /a 200 1 A", "2 POST /b 201 2 B!", "3 HEAD /c 200 0 null",
                    "4 GET /d 304 0 null", "5 DELETE /e 204 0 null", "6 GET /again/0 200 2 r0",
                    "7 GET /again/1 200 2 r1", "8 GET /again/2 200 2 r2"), summary);
            assertEquals("hello", entries.get(1).request().body());
            entries.forEach(e -> assertEquals(List.of(), e.notes()));
        }
    }

    @Test
    void chunkedBodyIsDechunkedAndItsWireSizeIncludesFraming() {
        String chunked = "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
        try (TapHarness harness = new TapHarness(new TestSettings(root), 5)) {
            HttpTap tap = harness.open("chunked");
            harness.client(tap, "GET /stream HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunked);
            tap.close();

            HttpExchangeRecord.Message response = harness.entries().get(0).response();
            assertEquals("hello world", response.body());
            assertEquals(chunked.length(), response.bodyBytes());
            assertEquals(11, response.decodedBytes());
        }
    }

    @Test
    void gzipAndDeflateBodiesAreDecodedForDisplay() throws IOException {
        String json = "{\"items\":[" + "\"item\",".repeat(200) + "\"last\"]}";
        byte[] gzip = gzip(json);
        byte[] deflate = deflate(json);
        try (TapHarness harness = new TapHarness(new TestSettings(root), 6)) {
            HttpTap tap = harness.open("compressed");
            harness.client(tap, "GET /gz HTTP/1.1\r\nHost: w\r\nAccept-Encoding: gzip\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: " + gzip.length + "\r\n\r\n");
            harness.server(tap, gzip);
            harness.client(tap, "GET /deflate HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: deflate\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(deflate.length) + "\r\n");
            harness.server(tap, deflate);
            harness.server(tap, "\r\n0\r\n\r\n");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            HttpExchangeRecord.Message gz = entries.get(0).response();
            assertEquals(json, gz.body());
            assertEquals(BodyFormat.TEXT, gz.bodyFormat());
            assertEquals(gzip.length, gz.bodyBytes());
            assertEquals(json.length(), gz.decodedBytes());
            HttpExchangeRecord.Message df = entries.get(1).response();
            assertEquals(json, df.body());
            assertEquals(json.length(), df.decodedBytes());
            assertEquals(List.of(), entries.get(0).notes());
        }
    }

    @Test
    void invalidGzipKeepsTheRawBytesAndSaysWhy() {
        byte[] notGzip = "this is not gzip at all".getBytes(StandardCharsets.US_ASCII);
        try (TapHarness harness = new TapHarness(new TestSettings(root), 7)) {
            HttpTap tap = harness.open("badgzip");
            harness.client(tap, "GET /x HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + notGzip.length
                    + "\r\n\r\n");
            harness.server(tap, notGzip);
            harness.client(tap, "GET /after HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            HttpExchangeRecord.Message bad = entries.get(0).response();
            assertEquals(BodyFormat.BINARY, bad.bodyFormat());
            assertEquals("74686973206973206e6f7420677a6970", bad.body());
            assertEquals(-1, bad.decodedBytes());
            assertEquals(1, entries.get(0).notes().size());
            assertTrue(entries.get(0).notes().get(0).startsWith("response gzip body could not be decoded"),
                    entries.get(0).notes().toString());
            assertEquals("ok", entries.get(1).response().body());
        }
    }

    @Test
    void binaryBodyIsShownAsSizeAndHexPreview() {
        byte[] png = new byte[3000];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        for (int i = magic.length; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        try (TapHarness harness = new TapHarness(new TestSettings(root), 8)) {
            HttpTap tap = harness.open("png");
            harness.client(tap, "GET /logo.png HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 3000\r\n\r\n");
            harness.server(tap, png);
            tap.close();

            HttpExchangeRecord.Message body = harness.entries().get(0).response();
            assertEquals(BodyFormat.BINARY, body.bodyFormat());
            assertEquals("89504e470d0a1a0af81736557493b2d1", body.body());
            assertEquals(3000, body.decodedBytes());
            assertTrue(body.truncated());
            assertTrue(harness.view().contains("<binary body, 3000 bytes; first bytes: 89504e470d0a1a0a"));
        }
    }

    @Test
    void bodiesAreTruncatedAtTheLimitButCountedInFull() {
        TestSettings settings = new TestSettings(root);
        settings.maxBodyBytes = 1000;
        String body = "0123456789".repeat(1000);
        try (TapHarness harness = new TapHarness(settings, 9)) {
            HttpTap tap = harness.open("big");
            harness.client(tap, "POST /upload HTTP/1.1\r\nHost: w\r\nContent-Type: text/plain\r\nContent-Length: 10000"
                    + "\r\n\r\n" + body);
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            tap.close();

            HttpExchangeRecord.Message request = harness.entries().get(0).request();
            assertEquals(body.substring(0, 1000), request.body());
            assertTrue(request.truncated());
            assertEquals(10000, request.bodyBytes());
            assertEquals(10000, request.decodedBytes());
        }
    }

    @Test
    void longTextBodiesStayCompleteAndLongBinaryBodiesAreOnlyPreviewed() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append("line ").append(i).append(": caf\u00e9 \u2713\n");
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[300_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        try (TapHarness harness = new TapHarness(new TestSettings(root), 10)) {
            HttpTap tap = harness.open("long");
            harness.client(tap, "GET /text HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + utf8.length + "\r\n\r\n");
            harness.server(tap, utf8);
            harness.client(tap, "GET /blob HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: Application/Octet-Stream\r\nContent-Length: "
                    + binary.length + "\r\n\r\n");
            harness.server(tap, binary);
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            HttpExchangeRecord.Message textBody = entries.get(0).response();
            assertEquals(BodyFormat.TEXT, textBody.bodyFormat());
            assertEquals(text.toString(), textBody.body());
            assertFalse(textBody.truncated());
            assertEquals(utf8.length, textBody.decodedBytes());
            HttpExchangeRecord.Message blob = entries.get(1).response();
            assertEquals(BodyFormat.BINARY, blob.bodyFormat());
            assertEquals("00070e151c232a31383f464d545b6269", blob.body());
            assertEquals(binary.length, blob.decodedBytes());
            assertTrue(blob.truncated());
            assertTrue(harness.view().contains("<binary body, 300000 bytes; first bytes: 00070e15"));
        }
    }

    @Test
    void traceIdsComeFromTraceparentOrRequestIdWhenPresent() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 10)) {
            HttpTap tap = harness.open("traced");
            harness.client(tap, "GET /1 HTTP/1.1\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                    + "\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            harness.client(tap, "GET /2 HTTP/1.1\r\nX-Request-Id: req-42\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            harness.client(tap, "GET /3 HTTP/1.1\r\nX-Request-Id: bad id with spaces\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nX-Request-Id: from-server\r\nContent-Length: 0\r\n\r\n");
            harness.client(tap, "GET /4 HTTP/1.1\r\n\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", entries.get(0).traceId());
            assertEquals("req-42", entries.get(1).traceId());
            assertEquals("from-server", entries.get(2).traceId());
            assertTrue(entries.get(3).traceId().matches(UUID));
        }
    }

    @Test
    void sensitiveHeadersAreMaskedInEveryFile() {
        TestSettings settings = new TestSettings(root);
        settings.maskedHeaders = List.of("X-Private");
        try (TapHarness harness = new TapHarness(settings, 11)) {
            HttpTap tap = harness.open("secret");
            harness.client(tap, "GET /me HTTP/1.1\r\nAuthorization: Bearer s3cr3t-bearer\r\nCookie: sid=s3cr3t-cookie\r\n"
                    + "X-Api-Key: s3cr3t-key\r\nX-Auth-Token: s3cr3t-token\r\nX-Client-Password: s3cr3t-pw\r\n"
                    + "X-Private: s3cr3t-private\r\nProxy-Authorization: Basic s3cr3t-basic\r\nAccept: text/plain\r\n"
                    + "\r\n");
            harness.server(tap, "HTTP/1.1 200 OK\r\nSet-Cookie: sid=s3cr3t-set; HttpOnly\r\nContent-Length: 0\r\n\r\n");
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals("Bearer ***", entry.request().header("authorization"));
            assertEquals("***", entry.request().header("Cookie"));
            assertEquals("***", entry.request().header("X-Api-Key"));
            assertEquals("***", entry.request().header("X-Auth-Token"));
            assertEquals("***", entry.request().header("X-Client-Password"));
            assertEquals("***", entry.request().header("X-Private"));
            assertEquals("Basic ***", entry.request().header("Proxy-Authorization"));
            assertEquals("text/plain", entry.request().header("Accept"));
            assertEquals("***", entry.response().header("Set-Cookie"));
            String everything = harness.view() + harness.jsonLines();
            assertFalse(everything.contains("s3cr3t"), everything);
        }
    }

    @Test
    void interimResponsesAreNotedAndTheFinalOneIsPaired() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 12)) {
            HttpTap tap = harness.open("continue");
            harness.client(tap, "PUT /doc HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            harness.server(tap, "HTTP/1.1 100 Continue\r\n\r\n");
            harness.client(tap, "data");
            harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(1, entries.size());
            assertEquals(200, entries.get(0).status());
            assertEquals("data", entries.get(0).request().body());
            assertEquals(List.of("interim response HTTP/1.1 100 Continue"), entries.get(0).notes());
        }
    }

    @Test
    void responseWithoutLengthEndsWithTheConnection() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 13)) {
            HttpTap tap = harness.open("http10");
            harness.client(tap, "GET /old HTTP/1.0\r\n\r\n");
            harness.server(tap, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
            tap.close();

            HttpExchangeRecord entry = harness.entries().get(0);
            assertEquals("until the end", entry.response().body());
            assertEquals(13, entry.response().decodedBytes());
            assertEquals(List.of(), entry.notes());
        }
    }

    @Test
    void requestsWithoutResponseAreWrittenWhenTheConnectionCloses() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 14)) {
            HttpTap tap = harness.open("noanswer");
            harness.client(tap, "GET /slow HTTP/1.1\r\nHost: w\r\n\r\n");
            harness.client(tap, "POST /cut HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(2, entries.size());
            assertEquals(0, entries.get(0).status());
            assertNull(entries.get(0).response());
            assertEquals(List.of("no response: connection closed"), entries.get(0).notes());
            assertEquals(List.of("request incomplete: connection closed"), entries.get(1).notes());
            assertEquals("only part", entries.get(1).request().body());
        }
    }

    @Test
    void summaryAndHeaderVerbosityLeaveOutWhatTheyShould() {
        for (Verbosity verbosity : List.of(Verbosity.SUMMARY, Verbosity.HEADERS)) {
            TestSettings settings = new TestSettings(root.resolve(verbosity.name()));
            settings.verbosity = verbosity;
            try (TapHarness harness = new TapHarness(settings, 15)) {
                HttpTap tap = harness.open("v");
                harness.client(tap, "GET /v HTTP/1.1\r\nHost: w\r\n\r\n");
                harness.server(tap, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nbody");
                tap.close();

                HttpExchangeRecord entry = harness.entries().get(0);
                assertEquals(verbosity == Verbosity.SUMMARY ? 0 : 2, entry.response().headers().size());
                assertEquals(BodyFormat.NONE, entry.response().bodyFormat());
                assertEquals(4, entry.response().decodedBytes());
                String view = harness.view();
                assertFalse(view.contains("body\n"), view);
                if (verbosity == Verbosity.SUMMARY) {
                    assertEquals(1, view.lines().count(), view);
                    assertTrue(view.contains(" GET /v -> 200 ("), view);
                }
            }
        }
    }

    @Test
    void humanReadableViewFollowsKftrayHttpFormat() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 16)) {
            HttpTap tap = harness.open("view");
            harness.client(tap, "POST /api HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer abc\r\nX-Request-Id: t-1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
            harness.server(tap, "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
            tap.close();

            String view = harness.view();
            Iterator<String> lines = view.lines().iterator();
            assertEquals("", lines.next());
            assertTrue(lines.next().startsWith("# ----"));
            assertEquals("# Trace ID: t-1", lines.next());
            assertTrue(lines.next().startsWith("# Request at: "));
            assertEquals("POST /api HTTP/1.1", lines.next());
            assertEquals("Host: w", lines.next());
            assertEquals("Authorization: Bearer ***", lines.next());
            lines.next();
            lines.next();
            lines.next();
            assertEquals("", lines.next());
            assertEquals("{\"a\":1}", lines.next());
            assertEquals("###", lines.next());
            assertEquals("", lines.next());
            lines.next();
            assertEquals("# Trace ID: t-1", lines.next());
            assertTrue(lines.next().startsWith("# Response at: "));
            assertTrue(lines.next().matches("# Took: \\d+ ms"));
            assertEquals("HTTP/1.1 201 Created", lines.next());
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] deflate(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
