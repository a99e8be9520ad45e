package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Header;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import app.kftray.api.model.HttpExchangeRecord.Message;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed JSON lines are what the log's object mapper writes, and read back to the same entries. */
class JsonLineWriterTest {
    private static final ObjectMapper MAPPER = LogJson.mapper();
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");

    @Test
    void everyKindOfEntryIsWrittenAsTheMapperWritesIt() throws Exception {
        Message request = new Message("POST /a?q=\"x\" HTTP/1.1",
                List.of(new Header("Host", "web"), new Header("Authorization", "Bearer ***")), 80, 12, 12,
                BodyFormat.TEXT, "{\"k\":\"caf\u00e9 \u2713 \\ \t\u0001 \ud83d\ude00\"}\n", false);
        Message response = new Message("HTTP/1.1 200 OK", List.of(), 40, 3000, -1, BodyFormat.BINARY,
                "89504e47", true);
        Message noBody = new Message("HTTP/1.1 204 No Content", null, 30, 0, 0, null, null, false);
        List<HttpExchangeRecord> entries = List.of(
                new HttpExchangeRecord(Kind.EXCHANGE, "trace-1", "7", "c1", 3, T0, T0.plusMillis(5),
                        T0.plusMillis(9), "POST", "/a?q=\"x\"", 200, request, response, List.of("a note")),
                new HttpExchangeRecord(Kind.EXCHANGE, "trace-2", "web", "c2", 1, T0, T0, T0, "GET", "/", 204,
                        request, noBody, List.of()),
                new HttpExchangeRecord(Kind.EXCHANGE, "trace-3", "web", "c2", 2, T0, null, T0, "GET", "/x", 0,
                        request, null, List.of("no response: connection closed")),
                new HttpExchangeRecord(Kind.NOTICE, "trace-4", "web", "c3", 0, null, null, T0, null, null, 0,
                        null, null, List.of("TLS (encrypted) traffic cannot be parsed")));
        JsonLineWriter writer = new JsonLineWriter();
        for (HttpExchangeRecord entry : entries) {
            JsonLineWriter.LineBuffer line = writer.line(entry);
            String written = new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
            assertEquals(MAPPER.writeValueAsString(entry) + "\n", written);
            assertEquals(entry, MAPPER.readValue(written, HttpExchangeRecord.class));
        }
    }
}
