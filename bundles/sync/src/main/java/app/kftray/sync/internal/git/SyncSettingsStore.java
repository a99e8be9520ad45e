package app.kftray.sync.internal.git;

import app.kftray.api.ConfigStore;
import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sync settings and what sync last did, in the settings table under {@code sync_} keys, so every
 * kftray process on the machine sees them. Never the token: that lives in a {@link TokenStore}.
 */
final class SyncSettingsStore {
    static final String URL = "sync_url";
    static final String PATH = "sync_path";
    static final String BRANCH = "sync_branch";
    static final String INTERVAL = "sync_interval_seconds";
    static final String FLUSH = "sync_flush";
    static final String AUTH = "sync_auth";
    static final String USER = "sync_user";
    static final String KEY_FILE = "sync_key_file";
    static final String KNOWN_HOSTS = "sync_known_hosts";
    static final String CA_FILE = "sync_ca_file";
    static final String TOKEN_FILE = "sync_token_file";
    static final String TOKEN_STORE = "sync_token_store";
    static final String COMMIT = "sync_commit";
    static final String APPLIED_AT = "sync_applied_at";
    static final String CREATED = "sync_created";
    static final String UPDATED = "sync_updated";
    static final String REMOVED = "sync_removed";
    static final String LAST_ATTEMPT = "sync_last_attempt";
    static final String LAST_ERROR = "sync_last_error";

    private final ConfigStore store;

    SyncSettingsStore(ConfigStore store) {
        this.store = store;
    }

    Optional<Settings> settings() {
        String url = text(URL);
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(new Settings(url, text(PATH), text(BRANCH), Duration.ofSeconds(number(INTERVAL, 600)),
                Boolean.parseBoolean(text(FLUSH)), Auth.valueOf(Optional.ofNullable(text(AUTH)).orElse("NONE")),
                text(USER), text(KEY_FILE), text(KNOWN_HOSTS), text(CA_FILE), Boolean.parseBoolean(text(TOKEN_FILE))));
    }

    /** Saves new settings and forgets what was applied with the old ones. */
    void save(Settings settings, String tokenStore) {
        put(PATH, settings.path());
        put(BRANCH, settings.branch());
        put(INTERVAL, String.valueOf(settings.interval().toSeconds()));
        put(FLUSH, String.valueOf(settings.flush()));
        put(AUTH, settings.auth().name());
        put(USER, settings.user());
        put(KEY_FILE, settings.keyFile());
        put(KNOWN_HOSTS, settings.knownHosts());
        put(CA_FILE, settings.caFile());
        put(TOKEN_FILE, String.valueOf(settings.tokenFile()));
        put(TOKEN_STORE, tokenStore);
        forgetApplied();
        put(URL, settings.url()); // last: a polling runtime sees complete settings
    }

    void clear() {
        put(URL, null);
        put(TOKEN_STORE, null);
        forgetApplied();
    }

    String tokenStore() {
        return text(TOKEN_STORE);
    }

    String appliedCommit() {
        return text(COMMIT);
    }

    Optional<Instant> lastAttempt() {
        return Optional.ofNullable(text(LAST_ATTEMPT)).map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)));
    }

    void applied(String commit, int created, int updated, int removed, Instant at) {
        put(COMMIT, commit);
        put(APPLIED_AT, String.valueOf(at.toEpochMilli()));
        put(CREATED, String.valueOf(created));
        put(UPDATED, String.valueOf(updated));
        put(REMOVED, String.valueOf(removed));
        attempted(at, null);
    }

    void attempted(Instant at, String error) {
        put(LAST_ATTEMPT, String.valueOf(at.toEpochMilli()));
        put(LAST_ERROR, error);
    }

    Status status() {
        String appliedAt = text(APPLIED_AT);
        return new Status(settings().orElse(null), text(COMMIT),
                appliedAt == null ? null : Instant.ofEpochMilli(Long.parseLong(appliedAt)),
                (int) number(CREATED, 0), (int) number(UPDATED, 0), (int) number(REMOVED, 0),
                lastAttempt().orElse(null), text(LAST_ERROR), text(TOKEN_STORE));
    }

    private void forgetApplied() {
        for (String key : new String[] {COMMIT, APPLIED_AT, CREATED, UPDATED, REMOVED, LAST_ATTEMPT, LAST_ERROR}) {
            put(key, null);
        }
    }

    /** The settings table has no deletion: an empty value means unset. */
    private void put(String key, String value) {
        store.putSetting(key, value == null ? "" : value);
    }

    private String text(String key) {
        return store.setting(key).filter(v -> !v.isEmpty()).orElse(null);
    }

    private long number(String key, long fallback) {
        String value = text(key);
        return value == null ? fallback : Long.parseLong(value);
    }
}
