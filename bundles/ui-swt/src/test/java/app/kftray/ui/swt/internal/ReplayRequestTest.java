package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Header;
import app.kftray.api.model.HttpExchangeRecord.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {
    private static HttpExchangeRecord exchange(String uri, Message request) {
        return new HttpExchangeRecord(HttpExchangeRecord.Kind.EXCHANGE, "t1", "7", "c1", 1, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, request.startLine().split(" ")[0], uri, 200, request, null, List.of());
    }

    private static Message post(BodyFormat format, String body, boolean truncated) {
        return new Message("POST /items?x=1 HTTP/1.1", List.of(new Header("Host", "127.0.0.1:9000"),
                new Header("Content-Type", "application/json"), new Header("Content-Length", "12"),
                new Header("Authorization", "Bearer ***"), new Header("X-Note", "it's")), 80, 12, 12, format, body,
                truncated);
    }

    @Test
    void connectionAndMaskedHeadersAreLeftOutAndTheBodyIsKept() {
        ReplayRequest request = ReplayRequest.of(exchange("/items?x=1", post(BodyFormat.TEXT, "{\"a\": \"b\"}", false)));
        assertEquals(List.of(new Header("Content-Type", "application/json"), new Header("X-Note", "it's")),
                request.headers());
        assertEquals(List.of("Authorization (masked in the log)"), request.leftOut());
        assertEquals("http://127.0.0.1:8080/items?x=1", request.url("127.0.0.1:8080"));
        assertEquals("curl -X POST 'http://127.0.0.1:8080/items?x=1' \\\n  -H 'Content-Type: application/json'"
                + " \\\n  -H 'X-Note: it'\\''s' \\\n  --data-binary '{\"a\": \"b\"}'", request.curl("127.0.0.1:8080"));
    }

    @Test
    void aBodyNotLoggedInFullCannotBeReplayedAndNeitherCanANotice() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayRequest.of(exchange("/items",
                post(BodyFormat.TEXT, "{\"a\"", true)))).getMessage().contains("cut at the capture limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayRequest.of(exchange("/items",
                post(BodyFormat.BINARY, "00ff", false)))).getMessage().contains("binary"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayRequest.of(exchange("/items",
                post(BodyFormat.NONE, null, false)))).getMessage().contains("not logged at this body level"));
        HttpExchangeRecord notice = new HttpExchangeRecord(HttpExchangeRecord.Kind.NOTICE, "t", "7", null, 0, null,
                null, null, null, null, 0, null, null, List.of("not HTTP"));
        assertThrows(IllegalArgumentException.class, () -> ReplayRequest.of(notice));
    }

    @Test
    void anAbsoluteFormTargetGoesToTheForwardWithItsPathOnly() {
        Message get = new Message("GET http://example/x HTTP/1.1", List.of(), 30, 0, 0, BodyFormat.NONE, null, false);
        assertEquals("http://127.0.0.1:1/x?y", ReplayRequest.of(exchange("http://example/x?y", get)).url("127.0.0.1:1"));
    }
}
