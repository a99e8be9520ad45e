package app.kftray.api;

/**
 * Names of the application settings kept with {@link ConfigStore#setting(String)} and
 * {@link ConfigStore#putSetting(String, String)}. Where kftray has the same setting, the key is
 * kftray's, so a user's settings mean the same in both. Values are strings; each constant says
 * its format and its default when unset.
 */
public final class SettingKeys {
    /** Minutes without network after which running forwards are stopped; {@code 0} (default) never. */
    public static final String DISCONNECT_TIMEOUT_MINUTES = "disconnect_timeout_minutes";
    /** {@code true} (default) or {@code false}: watch interfaces, routes and sleep to re-check forwards. */
    public static final String NETWORK_MONITOR = "network_monitor";
    /** {@code true} or {@code false} (default): connect to each forward's local port to check it serves. */
    public static final String HEALTH_CHECK = "health_check_enabled";
    /** {@code true} or {@code false} (default): HTTP logging for forwards that do not say. */
    public static final String HTTP_LOGS_DEFAULT_ENABLED = "http_logs_default_enabled";
    /** Bytes one forward's HTTP log may reach before it rotates; default 10 MiB. */
    public static final String HTTP_LOGS_MAX_FILE_SIZE = "http_logs_max_file_size";
    /** Days HTTP logs are kept; default 7. */
    public static final String HTTP_LOGS_RETENTION_DAYS = "http_logs_retention_days";
    /** What HTTP logs hold: {@code full} (default, masked bodies) or {@code headers}. */
    public static final String HTTP_LOGS_BODY_LEVEL = "http_logs_body_level";
    /** Bytes all HTTP logs together may use; the oldest go first; default 512 MiB. */
    public static final String HTTP_LOGS_TOTAL_SIZE_CAP = "http_logs_total_size_cap";
    /** {@code host:port} of the metrics endpoint, or empty (default) for none. */
    public static final String METRICS_ADDRESS = "metrics_address";

    private SettingKeys() {
    }
}
