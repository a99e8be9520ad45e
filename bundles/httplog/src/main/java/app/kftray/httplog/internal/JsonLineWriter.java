package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.Header;
import app.kftray.api.model.HttpExchangeRecord.Message;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Turns log entries into JSON lines with Jackson's streaming generator: the JSON that
 * {@link LogJson#mapper()} writes (and reads back), without its per-entry reflection and
 * intermediate strings. Reuses one buffer; used by one thread.
 */
final class JsonLineWriter {
    // characters outside the BMP as they are, like the mapper's text output, not as escaped surrogates
    private final JsonFactory factory = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private final LineBuffer buffer = new LineBuffer();

    /**
     * @param entry the entry
     * @return its JSON and a newline, as UTF-8 bytes valid until the next call
     */
    LineBuffer line(HttpExchangeRecord entry) {
        buffer.reset();
        // a generator per line (cheap: its buffers are recycled) never carries a broken state over
        try (JsonGenerator json = factory.createGenerator(buffer)) {
            write(json, entry);
        } catch (IOException e) {
            // the buffer is in memory: only a bug gets here
            throw new UncheckedIOException(e);
        }
        buffer.write('\n');
        return buffer;
    }

    private static void write(JsonGenerator json, HttpExchangeRecord entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", entry.kind().name());
        stringField(json, "trace_id", entry.traceId());
        stringField(json, "forward", entry.forward());
        stringField(json, "connection_id", entry.connectionId());
        json.writeNumberField("sequence", entry.sequence());
        instantField(json, "request_start", entry.requestStart());
        instantField(json, "response_start", entry.responseStart());
        instantField(json, "end", entry.end());
        stringField(json, "method", entry.method());
        stringField(json, "uri", entry.uri());
        json.writeNumberField("status", entry.status());
        messageField(json, "request", entry.request());
        messageField(json, "response", entry.response());
        json.writeArrayFieldStart("notes");
        for (String note : entry.notes()) {
            json.writeString(note);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void messageField(JsonGenerator json, String name, Message message) throws IOException {
        if (message == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        stringField(json, "start_line", message.startLine());
        json.writeArrayFieldStart("headers");
        for (Header header : message.headers()) {
            json.writeStartObject();
            json.writeStringField("name", header.name());
            json.writeStringField("value", header.value());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("header_bytes", message.headerBytes());
        json.writeNumberField("body_bytes", message.bodyBytes());
        json.writeNumberField("decoded_bytes", message.decodedBytes());
        json.writeStringField("body_format", message.bodyFormat().name());
        stringField(json, "body", message.body());
        json.writeBooleanField("truncated", message.truncated());
        json.writeEndObject();
    }

    /** Like the mapper, leaves absent values out. */
    private static void stringField(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void instantField(JsonGenerator json, String name, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(name, IsoInstants.format(value));
        }
    }

    /** A byte buffer whose content is handed out without a copy. */
    static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(8 * 1024);
        }

        byte[] bytes() {
            return buf;
        }

        int length() {
            return count;
        }
    }
}
