package app.kftray.api;

import app.kftray.api.model.HttpExchangeRecord;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads the HTTP logs that {@link HttpLogService} wrote: lists, tails and follows the exchanges
 * of a forward, oldest first, optionally filtered. Works on the files alone, so any kftray process
 * can read what another one logged.
 */
@ProviderType
public interface HttpLogReader {

    /** @return the names of the forwards that have HTTP logs (config ids, or aliases), sorted */
    List<String> forwards();

    /**
     * @param forward a forward's log name: its config id, or its alias while unsaved
     * @param filter  which entries to return
     * @param limit   at most this many (the oldest matching ones); must be positive
     * @return matching entries across current and rotated files, oldest first
     * @throws KftrayException if the logs exist but cannot be read
     */
    List<HttpExchangeRecord> list(String forward, Filter filter, int limit);

    /**
     * @param forward a forward's log name
     * @param filter  which entries to return
     * @param count   at most this many (the newest matching ones); must be positive
     * @return the newest matching entries, oldest first
     * @throws KftrayException if the logs exist but cannot be read
     */
    List<HttpExchangeRecord> tail(String forward, Filter filter, int count);

    /**
     * Delivers matching entries as they are written, starting after the current end of the log
     * and continuing across file rotation, until the returned handle is closed.
     *
     * @param forward  a forward's log name
     * @param filter   which entries to deliver
     * @param consumer called on a reader thread, one entry at a time
     * @return closing it stops delivery
     */
    AutoCloseable follow(String forward, Filter filter, Consumer<HttpExchangeRecord> consumer);

    /**
     * Criteria for log entries; {@code null} fields match anything.
     *
     * @param status        a status code such as {@code "404"}, or a class such as {@code "5xx"}
     * @param method        request method, any case
     * @param pathContains  substring of the request path
     * @param traceId       exact trace id
     * @param includeNotices whether notices (non-HTTP traffic, parse errors) are included
     */
    record Filter(String status, String method, String pathContains, String traceId, boolean includeNotices) {

        public Filter {
            if (status != null && !status.toLowerCase(Locale.ROOT).matches("[1-5](\\d\\d|xx)")) {
                throw new IllegalArgumentException("status filter must be a code such as 404 or a class such as 5xx,"
                        + " got '" + status + "'");
            }
        }

        /** @return a filter matching every exchange and notice */
        public static Filter all() {
            return new Filter(null, null, null, null, true);
        }

        /**
         * @param entry a log entry
         * @return whether it matches every set criterion
         */
        public boolean matches(HttpExchangeRecord entry) {
            if (entry.kind() == HttpExchangeRecord.Kind.NOTICE) {
                return includeNotices && status == null && method == null && pathContains == null
                        && (traceId == null || traceId.equals(entry.traceId()));
            }
            return matchesStatus(entry.status())
                    && (method == null || method.equalsIgnoreCase(entry.method()))
                    && (pathContains == null || entry.path() != null && entry.path().contains(pathContains))
                    && (traceId == null || traceId.equals(entry.traceId()));
        }

        private boolean matchesStatus(int code) {
            if (status == null) {
                return true;
            }
            String lower = status.toLowerCase(Locale.ROOT);
            return lower.endsWith("xx") ? code / 100 == lower.charAt(0) - '0' : code == Integer.parseInt(lower);
        }
    }
}
