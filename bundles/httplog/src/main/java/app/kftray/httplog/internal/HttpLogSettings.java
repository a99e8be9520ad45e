package app.kftray.httplog.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The checked values that configure HTTP logging, taken from {@link HttpLogConfiguration}
 * or built directly in tests.
 *
 * @param logRoot             directory holding one sub-directory per forward
 * @param verbosity           how much to keep
 * @param maxBodyBytes        body bytes kept for display
 * @param hexPreviewBytes     bytes of a binary body shown as hex
 * @param maxHeaderBytes      limit for start line plus headers
 * @param queueMaxBuffers     queued buffers before dropping
 * @param queueMaxBytes       queued bytes before dropping
 * @param maxFileBytes        rotation size
 * @param maxRotatedFiles     rotated files kept
 * @param retention           age after which rotated files are deleted
 * @param maskSensitive       whether the built-in sensitive headers are masked
 * @param maskedHeaders       further header names to mask
 * @param pendingTimeout      how long partial messages may wait for more bytes
 */
record HttpLogSettings(Path logRoot, Verbosity verbosity, int maxBodyBytes, int hexPreviewBytes,
                              int maxHeaderBytes, int queueMaxBuffers, long queueMaxBytes, long maxFileBytes,
                              int maxRotatedFiles, Duration retention, boolean maskSensitive,
                              List<String> maskedHeaders, Duration pendingTimeout) {

    public HttpLogSettings {
        requirePositive(maxBodyBytes, "max_body_bytes");
        requirePositive(hexPreviewBytes, "hex_preview_bytes");
        requirePositive(maxHeaderBytes, "max_header_bytes");
        requirePositive(queueMaxBuffers, "queue_max_buffers");
        requirePositive(queueMaxBytes, "queue_max_bytes");
        requirePositive(maxFileBytes, "max_file_bytes");
        requirePositive(maxRotatedFiles, "max_rotated_files");
        if (retention.isNegative() || retention.isZero() || pendingTimeout.isNegative() || pendingTimeout.isZero()) {
            throw new IllegalArgumentException("retention_days and pending_timeout_seconds must be positive");
        }
        maskedHeaders = List.copyOf(maskedHeaders);
    }

    /**
     * @param logRoot directory for the logs
     * @return the defaults of {@link HttpLogConfiguration}
     */
    static HttpLogSettings defaults(Path logRoot) {
        return new HttpLogSettings(logRoot, Verbosity.BODIES, 256 * 1024, 32, 64 * 1024, 8192,
                64L * 1024 * 1024, 10L * 1024 * 1024, 10, Duration.ofDays(7), true, List.of(),
                Duration.ofMinutes(5));
    }

    static HttpLogSettings from(HttpLogConfiguration c, Path logRoot) {
        return new HttpLogSettings(logRoot, c.verbosity(), c.max_body_bytes(), c.hex_preview_bytes(),
                c.max_header_bytes(), c.queue_max_buffers(), c.queue_max_bytes(), c.max_file_bytes(),
                c.max_rotated_files(), Duration.ofDays(c.retention_days()), c.mask_sensitive_headers(),
                List.of(c.masked_headers()), Duration.ofSeconds(c.pending_timeout_seconds()));
    }


    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
