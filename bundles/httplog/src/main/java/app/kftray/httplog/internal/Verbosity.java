package app.kftray.httplog.internal;

/** How much of each exchange the log keeps. */
public enum Verbosity {
    /** Method, path, status, sizes and timing only. */
    SUMMARY,
    /** The summary plus all (masked) headers. */
    HEADERS,
    /** Headers plus bodies, up to the configured limit. */
    BODIES
}
