package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.BodyFormat;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import app.kftray.api.model.HttpExchangeRecord.Message;
import java.time.Duration;

/**
 * The human-readable view, in kftray's {@code .http} style: a request entry and a response entry per
 * exchange, each introduced by {@code # Trace ID:} comments and closed by {@code ###}.
 */
final class HttpViewFormatter {
    private static final String RULE = "# " + "-".repeat(70);

    private HttpViewFormatter() {
    }

    /** Appends the entry's view to {@code out}. */
    static void format(StringBuilder out, HttpExchangeRecord entry, Verbosity verbosity) {
        if (entry.kind() == Kind.NOTICE) {
            out.append('\n').append(RULE).append("\n# Notice at: ").append(IsoInstants.format(entry.end()))
                    .append("\n# Connection: ").append(entry.connectionId()).append('\n');
            entry.notes().forEach(note -> out.append("# ").append(note).append('\n'));
            out.append("###\n");
            return;
        }
        if (verbosity == Verbosity.SUMMARY) {
            out.append(summary(entry)).append('\n');
            return;
        }
        if (entry.request() != null) {
            header(out, entry).append("# Request at: ").append(IsoInstants.format(entry.requestStart())).append('\n');
            message(out, entry.request());
        }
        if (entry.response() != null) {
            header(out, entry).append("# Response at: ").append(IsoInstants.format(entry.responseStart())).append('\n');
            Duration took = entry.duration();
            if (took != null) {
                out.append("# Took: ").append(took.toMillis()).append(" ms\n");
            }
            message(out, entry.response());
        }
        if (entry.response() == null || entry.request() == null) {
            header(out, entry);
            entry.notes().forEach(note -> out.append("# ").append(note).append('\n'));
            out.append("###\n");
        }
    }

    /** @return one line: time, trace id, method, target, status, duration and sizes */
    static String summary(HttpExchangeRecord entry) {
        if (entry.kind() == Kind.NOTICE) {
            return IsoInstants.format(entry.end()) + " notice " + String.join("; ", entry.notes());
        }
        Duration took = entry.duration();
        long bytes = entry.response() == null ? 0 : entry.response().headerBytes() + entry.response().bodyBytes();
        return IsoInstants.format(entry.requestStart()) + " " + entry.traceId() + " " + entry.method() + " "
                + entry.uri() + " -> "
                + (entry.status() == 0 ? "no response" : entry.status()) + " ("
                + (took == null ? "?" : took.toMillis()) + " ms, " + bytes + " B)"
                + (entry.notes().isEmpty() ? "" : " [" + String.join("; ", entry.notes()) + "]");
    }

    private static StringBuilder header(StringBuilder out, HttpExchangeRecord entry) {
        out.append('\n').append(RULE).append("\n# Trace ID: ").append(entry.traceId()).append('\n');
        return out;
    }

    private static void message(StringBuilder out, Message message) {
        out.append(message.startLine()).append('\n');
        message.headers().forEach(h -> out.append(h.name()).append(": ").append(h.value()).append('\n'));
        out.append('\n');
        if (message.bodyFormat() == BodyFormat.TEXT) {
            out.append(message.body());
            if (!message.body().endsWith("\n")) {
                out.append('\n');
            }
        } else if (message.bodyFormat() == BodyFormat.BINARY) {
            out.append("<binary body, ").append(message.decodedBytes() < 0 ? "?" : message.decodedBytes())
                    .append(" bytes; first bytes: ").append(message.body()).append(">\n");
        }
        if (message.truncated()) {
            out.append("<truncated; ").append(message.bodyBytes()).append(" bytes on the wire>\n");
        }
        out.append("###\n");
    }
}
