package app.kftray.api.model;

/**
 * One forward's own HTTP log limits, from kftray's {@code http_logs_max_file_size},
 * {@code http_logs_retention_days} and {@code http_logs_auto_cleanup} fields. Each one that is set
 * replaces the application setting of the same name for that forward's logs; kftray's default values
 * count as not set, as kftray writes them into every definition.
 *
 * @param maxFileBytes  bytes before the forward's log rotates, or {@code null} for the application setting
 * @param retentionDays days the forward's log files are kept, or {@code null} for the application setting
 * @param autoCleanup   whether files past the retention time are deleted; {@code false} keeps them (the
 *                      total size cap of all logs still applies)
 */
public record HttpLogLimits(Long maxFileBytes, Integer retentionDays, boolean autoCleanup) {
    /** No limits of its own: the application settings apply. */
    public static final HttpLogLimits NONE = new HttpLogLimits(null, null, true);

    public HttpLogLimits {
        if (maxFileBytes != null && maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        }
        if (retentionDays != null && retentionDays <= 0) {
            throw new IllegalArgumentException("retentionDays must be positive: " + retentionDays);
        }
    }
}
