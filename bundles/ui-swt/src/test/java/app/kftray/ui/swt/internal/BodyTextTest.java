package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Header;
import app.kftray.api.model.HttpExchangeRecord.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyTextTest {
    @Test
    void jsonIsIndentedOtherTextKeptAndBrokenJsonShownAsItCame() {
        assertEquals("{\n  \"a\" : [ 1, 2 ]\n}", BodyText.pretty("application/json; charset=utf-8", "{\"a\":[1,2]}"));
        assertEquals("[ ]", BodyText.pretty(null, "[]"));
        assertEquals("{\"a\":", BodyText.pretty("application/json", "{\"a\":"));
        assertEquals("plain words", BodyText.pretty("text/plain", "plain words"));
        assertEquals("(no body)", BodyText.pretty("text/plain", ""));
    }

    @Test
    void aMessageShowsStartLineHeadersAndBodyBinaryAsHexRows() {
        Message json = new Message("HTTP/1.1 200 OK", List.of(new Header("Content-Type", "application/json")), 40, 7,
                7, BodyFormat.TEXT, "{\"a\":1}", false);
        assertEquals("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"a\" : 1\n}", BodyText.of(json));
        Message binary = new Message("HTTP/1.1 200 OK", List.of(), 17, 20, 20, BodyFormat.BINARY,
                "000102030405060708090a0b0c0d0e0f1011", true);
        assertEquals("HTTP/1.1 200 OK\n\n(binary, 20 bytes; first bytes in hex)\n"
                + "00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n00000010  10 11\n"
                + "\n(… body cut at the log's capture limit)", BodyText.of(binary));
        Message headersOnly = new Message("HTTP/1.1 200 OK", List.of(), 17, 99, -1, BodyFormat.NONE, null, false);
        assertEquals("HTTP/1.1 200 OK\n\n(99 body bytes, not logged at this body level)", BodyText.of(headersOnly));
        assertEquals("(no response)", BodyText.of((Message) null));
    }
}
