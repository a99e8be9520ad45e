package app.kftray.ui.swt.internal;

import app.kftray.api.model.ByteCount;
import app.kftray.api.model.HttpExchangeRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One line of the HTTP log viewer's list: time, method, path, status, duration and sizes. */
final class ExchangeCells {
    /** Column titles, in list order. */
    static final List<String> COLUMNS = List.of("Time", "Method", "Path", "Status", "Duration", "Request", "Response");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private ExchangeCells() {
    }

    /**
     * @param entry an exchange or notice
     * @return its cell texts
     */
    static List<String> of(HttpExchangeRecord entry) {
        Instant when = entry.requestStart() != null ? entry.requestStart() : entry.end();
        String time = when == null ? "" : TIME.format(when);
        if (entry.kind() == HttpExchangeRecord.Kind.NOTICE) {
            return List.of(time, "note", String.join("; ", entry.notes()), "", "", "", "");
        }
        Duration took = entry.duration();
        return List.of(time, nullToEmpty(entry.method()), nullToEmpty(entry.uri()),
                entry.status() == 0 ? "—" : Integer.toString(entry.status()),
                took == null ? "" : took.toMillis() + " ms",
                size(entry.request()), size(entry.response()));
    }

    private static String size(HttpExchangeRecord.Message message) {
        if (message == null) {
            return "";
        }
        return ByteCount.human(message.headerBytes() + message.bodyBytes());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /**
     * @param entry an entry
     * @return a key telling one entry from another (an entry may reach the viewer twice at start)
     */
    static String key(HttpExchangeRecord entry) {
        return entry.traceId() + "/" + entry.connectionId() + "/" + entry.sequence() + "/" + entry.end();
    }
}
