package app.kftray.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a forward's HTTP log: a request paired with its response, or a notice about
 * traffic that could not be logged as an exchange (not HTTP, HTTP/2, a parse error, bytes the
 * log had to drop).
 *
 * @param kind          exchange or notice
 * @param traceId       the request's {@code traceparent} trace id or {@code x-request-id} when
 *                      present, otherwise a generated UUID; also set on notices
 * @param forward       the forward's log name (config id, or alias while unsaved)
 * @param connectionId  the connection within the forward
 * @param sequence      1-based number of the exchange within its connection; 0 for notices
 * @param requestStart  when the first byte of the request arrived; {@code null} if unknown
 * @param responseStart when the first byte of the response arrived; {@code null} without response
 * @param end           when the last byte of the exchange arrived (or it was given up)
 * @param method        request method, {@code null} for notices
 * @param uri           request target as sent, {@code null} for notices
 * @param status        response status code, 0 without response
 * @param request       the request side, {@code null} for notices
 * @param response      the response side, {@code null} without response
 * @param notes         what a reader should know: interim responses, protocol switches, decoding
 *                      failures, truncation, the text of a notice; never {@code null}
 */
public record HttpExchangeRecord(Kind kind, String traceId, String forward, String connectionId, long sequence,
                                 Instant requestStart, Instant responseStart, Instant end,
                                 String method, String uri, int status,
                                 Message request, Message response, List<String> notes) {

    /** What an entry describes. */
    public enum Kind {
        /** A request and (if one came) its response. */
        EXCHANGE,
        /** Something about a connection that is not an exchange, see {@link #notes()}. */
        NOTICE
    }

    /** How a body is shown. */
    public enum BodyFormat {
        /** No body, or bodies are not logged at the configured verbosity. */
        NONE,
        /** The body as text, decoded from its content encoding. */
        TEXT,
        /** A hex preview of the first bytes of a binary body. */
        BINARY
    }

    /**
     * One side of an exchange.
     *
     * @param startLine    request line or status line, as sent
     * @param headers      the headers in wire order, sensitive values masked; empty at summary verbosity
     * @param headerBytes  bytes of start line and headers on the wire
     * @param bodyBytes    bytes of the body on the wire, chunk framing and trailers included
     * @param decodedBytes body size after de-chunking and content decoding; -1 when unknown
     *                     (an encoded body longer than the capture limit)
     * @param bodyFormat   how {@code body} is to be read
     * @param body         text or hex preview; {@code null} when {@code bodyFormat} is NONE
     * @param truncated    whether {@code body} holds only the first part of the body
     */
    public record Message(String startLine, List<Header> headers, long headerBytes, long bodyBytes,
                          long decodedBytes, BodyFormat bodyFormat, String body, boolean truncated) {
        public Message {
            headers = headers == null ? List.of() : List.copyOf(headers);
            bodyFormat = bodyFormat == null ? BodyFormat.NONE : bodyFormat;
        }

        /**
         * @param name header name, any case
         * @return the first value of that header, or {@code null}
         */
        public String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
                    .findFirst().orElse(null);
        }
    }

    /**
     * A header as logged.
     *
     * @param name  header name as sent
     * @param value value, or a mask for sensitive headers
     */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public HttpExchangeRecord {
        Objects.requireNonNull(kind, "kind");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** @return the request path without query string, {@code null} for notices */
    public String path() {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** @return time from the request's first byte to the end, {@code null} if either is unknown */
    public Duration duration() {
        return requestStart == null || end == null ? null : Duration.between(requestStart, end);
    }
}
