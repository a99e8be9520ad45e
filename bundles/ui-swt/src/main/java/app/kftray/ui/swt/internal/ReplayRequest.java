package app.kftray.ui.swt.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Header;
import app.kftray.api.model.HttpExchangeRecord.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A logged request made ready to send again through its forward: the same method, target,
 * headers and body, minus what belongs to the old connection (Host, Connection, Content-Length,
 * Transfer-Encoding, …) and the values the log masked. Shared by "Copy as curl" and "Replay".
 *
 * @param method   request method
 * @param target   request target as sent (path and query)
 * @param headers  headers to send
 * @param body     body text, or {@code null} for none
 * @param leftOut  names of headers not sent, with why
 */
record ReplayRequest(String method, String target, List<Header> headers, String body, List<String> leftOut) {
    /** Headers of the old connection, or ones the client sets itself. */
    private static final Set<String> CONNECTION_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection",
            "http2-settings", "content-encoding");
    private static final String MASK = "***";

    /**
     * @param exchange a logged exchange
     * @return the request to send again
     * @throws IllegalArgumentException when the log does not hold enough to send it again
     */
    static ReplayRequest of(HttpExchangeRecord exchange) {
        if (exchange.kind() != HttpExchangeRecord.Kind.EXCHANGE || exchange.request() == null) {
            throw new IllegalArgumentException("a notice is not a request; choose an exchange to replay");
        }
        Message request = exchange.request();
        String body = null;
        if (request.bodyFormat() == BodyFormat.TEXT && !request.truncated()) {
            body = request.body();
        } else if (request.bodyBytes() > 0 || request.bodyFormat() != BodyFormat.NONE) {
            throw new IllegalArgumentException("the request body was not logged in full ("
                    + (request.truncated() ? "cut at the capture limit" : request.bodyFormat() == BodyFormat.BINARY
                    ? "binary, only a preview is kept" : "bodies are not logged at this body level")
                    + "), so the request cannot be sent again as it was");
        }
        List<Header> headers = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Header header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (CONNECTION_HEADERS.contains(name)) {
                continue;
            }
            if (header.value().equals(MASK) || header.value().endsWith(" " + MASK)) {
                leftOut.add(header.name() + " (masked in the log)");
            } else {
                headers.add(header);
            }
        }
        return new ReplayRequest(exchange.method(), exchange.uri(), List.copyOf(headers), body, List.copyOf(leftOut));
    }

    /**
     * @param authority {@code host:port} the forward listens on
     * @return the URL to send it to
     */
    String url(String authority) {
        String path = target == null || target.isEmpty() ? "/" : target;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash); // absolute form: keep only the path
        }
        return "http://" + authority + path;
    }

    /**
     * @param authority {@code host:port} the forward listens on
     * @return a curl command line that sends this request
     */
    String curl(String authority) {
        StringBuilder command = new StringBuilder("curl -X ").append(method).append(' ').append(quote(url(authority)));
        headers.forEach(h -> command.append(" \\\n  -H ").append(quote(h.name() + ": " + h.value())));
        if (body != null) {
            command.append(" \\\n  --data-binary ").append(quote(body));
        }
        return command.toString();
    }

    /** Single-quotes a word for a POSIX shell. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
