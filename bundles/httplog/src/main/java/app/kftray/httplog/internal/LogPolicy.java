package app.kftray.httplog.internal;

import app.kftray.api.SettingKeys;
import app.kftray.api.model.HttpLogLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP log limits a user can change while forwards run (the application settings named in
 * {@link SettingKeys}), over the component configuration's defaults, and the limits a forward sets for
 * its own logs ({@link HttpLogLimits}), over those. Read by any thread; refreshed from the settings by
 * the log's worker.
 */
final class LogPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(LogPolicy.class);
    static final long DEFAULT_TOTAL_CAP = 512L * 1024 * 1024;

    private final HttpLogSettings defaults;
    private volatile Verbosity verbosity;
    private volatile long maxFileBytes;
    private volatile Duration retention;
    private volatile long totalCap = DEFAULT_TOTAL_CAP;
    /** By forward name (its log directory). */
    private volatile Map<String, HttpLogLimits> own = Map.of();
    private String lastComplaint;

    LogPolicy(HttpLogSettings defaults) {
        this.defaults = defaults;
        this.verbosity = defaults.verbosity();
        this.maxFileBytes = defaults.maxFileBytes();
        this.retention = defaults.retention();
    }

    /** @return how much of each exchange is kept: bodies only at the {@code full} level */
    Verbosity verbosity() {
        return verbosity;
    }

    /** @return the size at which a log file rotates */
    long maxFileBytes() {
        return maxFileBytes;
    }

    /** @return how long log files are kept */
    Duration retention() {
        return retention;
    }

    /**
     * @param forward a forward's name, as its log directory is named
     * @return the size at which that forward's log file rotates: its own limit, else the setting
     */
    long maxFileBytes(String forward) {
        Long limit = limitsOf(forward).maxFileBytes();
        return limit != null ? limit : maxFileBytes;
    }

    /**
     * @param forward a forward's name, as its log directory is named
     * @return how long that forward's log files are kept: its own limit, else the setting
     */
    Duration retention(String forward) {
        Integer days = limitsOf(forward).retentionDays();
        return days != null ? Duration.ofDays(days) : retention;
    }

    /**
     * @param forward a forward's name, as its log directory is named
     * @return whether that forward's files past their retention time are deleted
     */
    boolean autoCleanup(String forward) {
        return limitsOf(forward).autoCleanup();
    }

    /** @param byId the limits forwards set for their own logs, by database id */
    void ownLimits(Map<Long, HttpLogLimits> byId) {
        Map<String, HttpLogLimits> byName = new HashMap<>();
        byId.forEach((id, limits) -> byName.put(id.toString(), limits));
        own = Map.copyOf(byName);
    }

    private HttpLogLimits limitsOf(String forward) {
        return own.getOrDefault(forward, HttpLogLimits.NONE);
    }

    /** @return the bytes all HTTP logs together may use */
    long totalCap() {
        return totalCap;
    }

    /**
     * Takes the current values of the settings; a missing or invalid one means its default.
     *
     * @param settings the application settings by key
     */
    void refresh(Function<String, Optional<String>> settings) {
        String level = settings.apply(SettingKeys.HTTP_LOGS_BODY_LEVEL).orElse("full").trim().toLowerCase(Locale.ROOT);
        Verbosity configured = defaults.verbosity();
        if (level.equals("headers")) {
            verbosity = configured == Verbosity.SUMMARY ? Verbosity.SUMMARY : Verbosity.HEADERS;
        } else {
            complainUnless(level.equals("full"), SettingKeys.HTTP_LOGS_BODY_LEVEL, level, "full or headers");
            verbosity = configured;
        }
        maxFileBytes = positive(settings, SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, defaults.maxFileBytes());
        retention = Duration.ofDays(positive(settings, SettingKeys.HTTP_LOGS_RETENTION_DAYS,
                defaults.retention().toDays()));
        totalCap = positive(settings, SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, DEFAULT_TOTAL_CAP);
    }

    private long positive(Function<String, Optional<String>> settings, String key, long fallback) {
        Optional<String> text = settings.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        complainUnless(false, key, text.get(), "a positive whole number");
        return fallback;
    }

    /** Says once (per bad value) that a setting is ignored. */
    private void complainUnless(boolean valid, String key, String value, String expected) {
        String complaint = key + '=' + value;
        if (!valid && !complaint.equals(lastComplaint)) {
            lastComplaint = complaint;
            LOG.warn("Setting {} is '{}', not {}; its default is used", key, value, expected);
        }
    }
}
