package app.kftray.httplog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Component configuration of HTTP logging; every attribute has a working default. */
@ObjectClassDefinition(name = "kftray HTTP traffic logging",
        description = "How forwarded HTTP traffic is parsed, masked, written and rotated.")
@interface HttpLogConfiguration {

    /** Configuration PID shared by the logging components. */
    String PID = "app.kftray.httplog";

    @AttributeDefinition(description = "SUMMARY (one line per exchange), HEADERS, or BODIES (headers and bodies)")
    Verbosity verbosity() default Verbosity.BODIES;

    @AttributeDefinition(description = "Bytes of each body kept for display; the rest is counted, not stored")
    int max_body_bytes() default 256 * 1024;

    @AttributeDefinition(description = "Bytes of a binary body shown as hex")
    int hex_preview_bytes() default 32;

    @AttributeDefinition(description = "Longest request/status line plus headers accepted, in bytes")
    int max_header_bytes() default 64 * 1024;

    @AttributeDefinition(description = "Copied buffers waiting to be parsed, at most; more are dropped and counted")
    int queue_max_buffers() default 8192;

    @AttributeDefinition(description = "Copied bytes waiting to be parsed, at most; more are dropped and counted")
    long queue_max_bytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Size at which a log file is rotated, in bytes")
    long max_file_bytes() default 10L * 1024 * 1024;

    @AttributeDefinition(description = "Rotated files kept per forward and kind")
    int max_rotated_files() default 10;

    @AttributeDefinition(description = "Rotated files older than this many days are deleted")
    int retention_days() default 7;

    @AttributeDefinition(description = "Mask Authorization, Cookie, API keys and any header naming a token, "
            + "secret or password")
    boolean mask_sensitive_headers() default true;

    @AttributeDefinition(description = "Further header names to mask (any case)")
    String[] masked_headers() default {};

    @AttributeDefinition(description = "Seconds between sweeps deleting logs past the retention time or over "
            + "the total size cap (application settings http_logs_retention_days, http_logs_total_size_cap)")
    int cleanup_interval_seconds() default 60;

    @AttributeDefinition(description = "Seconds a partly received request or response may wait for more bytes "
            + "before its state is discarded")
    int pending_timeout_seconds() default 300;
}
