package app.kftray.storage.internal;

/**
 * The busy timeout, a setting of both stores: each opens its own connections to the shared
 * database, so each is configured on its own, but they describe and default it alike.
 */
final class BusyTimeoutSetting {
    static final String NAME = "Busy timeout (ms)";
    static final String DESCRIPTION = "How long a write waits for another process's lock before failing";
    static final String MIN = "1";
    static final int DEFAULT_MS = 5000;

    private BusyTimeoutSetting() {
    }
}
