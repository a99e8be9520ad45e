package app.kftray.ui.swt.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.Message;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One side of an HTTP exchange as a person reads it: the start line, the headers, a blank line and
 * the body: JSON pretty-printed, other text as it is, binary as rows of hex.
 */
final class BodyText {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int HEX_ROW = 16;

    private BodyText() {
    }

    /**
     * @param message a logged request or response, or {@code null}
     * @return its text, or a line saying there is none
     */
    static String of(Message message) {
        if (message == null) {
            return "(no response)";
        }
        StringBuilder text = new StringBuilder(message.startLine() == null ? "" : message.startLine()).append('\n');
        message.headers().forEach(h -> text.append(h.name()).append(": ").append(h.value()).append('\n'));
        text.append('\n');
        switch (message.bodyFormat()) {
            case NONE -> text.append(message.bodyBytes() > 0
                    ? "(" + message.bodyBytes() + " body bytes, not logged at this body level)" : "(no body)");
            case TEXT -> text.append(pretty(message.header("Content-Type"), message.body()));
            case BINARY -> text.append("(binary, ").append(message.decodedBytes() >= 0 ? message.decodedBytes()
                    : message.bodyBytes()).append(" bytes; first bytes in hex)\n").append(hexRows(message.body()));
        }
        if (message.truncated()) {
            text.append("\n(… body cut at the log's capture limit)");
        }
        return text.toString();
    }

    /**
     * @param exchange a logged exchange or notice
     * @return request and response (or the notice's text), with the exchange's notes
     */
    static String of(HttpExchangeRecord exchange) {
        if (exchange.kind() == HttpExchangeRecord.Kind.NOTICE) {
            return "Notice: " + String.join("\n", exchange.notes());
        }
        StringBuilder text = new StringBuilder("Trace ").append(exchange.traceId()).append("\n\n");
        text.append(of(exchange.request())).append("\n\n").append(of(exchange.response()));
        if (!exchange.notes().isEmpty()) {
            text.append("\n\nNotes: ").append(String.join("; ", exchange.notes()));
        }
        return text.toString();
    }

    /**
     * @param contentType the Content-Type header, or {@code null}
     * @param body        the body text
     * @return JSON indented when it is JSON (by type, or by its first character), else the text
     */
    static String pretty(String contentType, String body) {
        if (body == null || body.isEmpty()) {
            return "(no body)";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String start = body.stripLeading();
        if (type.contains("json") || start.startsWith("{") || start.startsWith("[")) {
            try {
                JsonNode tree = JSON.readTree(body);
                return JSON.writeValueAsString(tree);
            } catch (JsonProcessingException notJson) {
                return body; // shown as it came, e.g. JSON cut at the capture limit
            }
        }
        return body;
    }

    /**
     * @param bytes raw bytes
     * @return rows of 16 hex bytes with an offset, as hex dumps show them
     */
    static String hexRows(byte[] bytes) {
        StringBuilder rows = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int offset = 0; offset < bytes.length; offset += HEX_ROW) {
            int end = Math.min(bytes.length, offset + HEX_ROW);
            rows.append(String.format("%08x  ", offset)).append(hex.formatHex(bytes, offset, end)).append('\n');
        }
        return rows.toString();
    }

    /** The log's hex preview may be one long run of hex digits (or already spaced): lay it out in rows. */
    private static String hexRows(String preview) {
        if (preview == null) {
            return "";
        }
        String digits = preview.replaceAll("[^0-9A-Fa-f]", "");
        if (digits.length() % 2 != 0 || digits.length() < preview.strip().length() / 3) {
            return preview; // not plain hex: show it as logged
        }
        return hexRows(HexFormat.of().parseHex(digits));
    }
}
