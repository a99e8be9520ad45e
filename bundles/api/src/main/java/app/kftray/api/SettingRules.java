package app.kftray.api;

import app.kftray.api.model.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values each application setting of {@link SettingKeys} accepts and its default, shared by
 * every interface that edits settings (the desktop's settings dialog, {@code kftray settings}), so
 * they check alike. Stored values are text: byte sizes in bytes, flags {@code true}/{@code false}.
 */
public final class SettingRules {
    /** Bytes in a mebibyte, the unit sizes are typed in. */
    public static final long MIB = 1024L * 1024;
    /** Body levels the HTTP log knows. */
    public static final List<String> BODY_LEVELS = List.of("full", "headers");

    /**
     * A number setting.
     *
     * @param key      its key
     * @param min      smallest value in typed units
     * @param max      largest value in typed units
     * @param unit     stored units per typed unit (1 for plain numbers, {@link #MIB} for sizes)
     * @param fallback default in typed units
     * @param what     the typed unit's word for messages
     */
    public record Range(String key, long min, long max, long unit, long fallback, String what) {
        /**
         * @param text a value typed in this range's units (MiB, days, minutes)
         * @return the value to store, or why it cannot be
         */
        public Checked typed(String text) {
            String trimmed = text == null ? "" : text.trim();
            try {
                long number = Long.parseLong(trimmed);
                if (number >= min && number <= max) {
                    return Checked.ok(Long.toString(number * unit));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            String shown = trimmed.isEmpty() ? "nothing" : "'" + trimmed + "'";
            return Checked.error(key, shown + " is not a whole number from " + min + " to " + max + " " + what);
        }

        /**
         * @param text a value in stored units (bytes for sizes, which may also be given as {@code 25MiB})
         * @return the value to store, or why it cannot be
         */
        public Checked stored(String text) {
            String trimmed = text == null ? "" : text.trim();
            if (unit != 1) {
                String lower = trimmed.toLowerCase(Locale.ROOT);
                String suffix = what.toLowerCase(Locale.ROOT);
                if (lower.endsWith(suffix)) {
                    return typed(trimmed.substring(0, trimmed.length() - suffix.length()));
                }
            }
            try {
                long number = Long.parseLong(trimmed);
                if (number >= min * unit && number <= max * unit) {
                    return Checked.ok(Long.toString(number));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            if (unit == 1) {
                return typed(trimmed);
            }
            String shown = trimmed.isEmpty() ? "nothing" : "'" + trimmed + "'";
            return Checked.error(key, shown + " is not a whole number of bytes from " + min * unit + " to " + max * unit
                    + " (" + min + " to " + max + " " + what + "; '" + fallback + what + "' is understood too)");
        }
    }

    /**
     * The outcome of checking one value.
     *
     * @param value the text to store, {@code null} when there is an error
     * @param error why the value cannot be stored, {@code null} when it can
     */
    public record Checked(String value, FieldError error) {
        static Checked ok(String value) {
            return new Checked(value, null);
        }

        static Checked error(String key, String message) {
            return new Checked(null, new FieldError(key, message));
        }
    }

    /** {@link SettingKeys#HTTP_LOGS_MAX_FILE_SIZE}: 1 to 1000 MiB. */
    public static final Range MAX_FILE_SIZE = new Range(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, 1, 1000, MIB, 10, "MiB");
    /** {@link SettingKeys#HTTP_LOGS_RETENTION_DAYS}: 1 to 365 days. */
    public static final Range RETENTION_DAYS = new Range(SettingKeys.HTTP_LOGS_RETENTION_DAYS, 1, 365, 1, 7, "days");
    /** {@link SettingKeys#HTTP_LOGS_TOTAL_SIZE_CAP}: 1 MiB to 100 GiB. */
    public static final Range TOTAL_SIZE_CAP = new Range(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, 1, 102_400, MIB, 512,
            "MiB");
    /** {@link SettingKeys#DISCONNECT_TIMEOUT_MINUTES}: 0 (never) to 1440 minutes. */
    public static final Range AUTO_STOP_MINUTES = new Range(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, 0, 1440, 1, 0,
            "minutes");
    /** Every number setting. */
    public static final List<Range> RANGES = List.of(MAX_FILE_SIZE, RETENTION_DAYS, TOTAL_SIZE_CAP, AUTO_STOP_MINUTES);
    /** The flag settings and their defaults. */
    public static final Map<String, Boolean> FLAGS = Map.of(
            SettingKeys.HTTP_LOGS_DEFAULT_ENABLED, false,
            SettingKeys.NETWORK_MONITOR, true,
            SettingKeys.HEALTH_CHECK, false);

    private SettingRules() {
    }

    /** @return every setting's key with its default as stored ({@code ""} for an empty default) */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Range range : RANGES) {
            defaults.put(range.key(), Long.toString(range.fallback() * range.unit()));
        }
        FLAGS.forEach((key, on) -> defaults.put(key, Boolean.toString(on)));
        defaults.put(SettingKeys.HTTP_LOGS_BODY_LEVEL, BODY_LEVELS.get(0));
        defaults.put(SettingKeys.METRICS_ADDRESS, "");
        return defaults;
    }

    /**
     * @param key  a setting's key
     * @param text its new value, in stored form
     * @return the value to store, or why it cannot be (an unknown key included)
     */
    public static Checked check(String key, String text) {
        String trimmed = text == null ? "" : text.trim();
        Optional<Range> range = RANGES.stream().filter(r -> r.key().equals(key)).findFirst();
        if (range.isPresent()) {
            return range.get().stored(trimmed);
        }
        if (FLAGS.containsKey(key)) {
            return trimmed.equals("true") || trimmed.equals("false") ? Checked.ok(trimmed)
                    : Checked.error(key, "'" + trimmed + "' is neither true nor false");
        }
        if (SettingKeys.HTTP_LOGS_BODY_LEVEL.equals(key)) {
            return BODY_LEVELS.contains(trimmed) ? Checked.ok(trimmed)
                    : Checked.error(key, "'" + trimmed + "' is not one of " + String.join(", ", BODY_LEVELS));
        }
        if (SettingKeys.METRICS_ADDRESS.equals(key)) {
            return trimmed.isEmpty() || isHostAndPort(trimmed) ? Checked.ok(trimmed)
                    : Checked.error(key, "'" + trimmed + "' is not host:port (a port from 0 to 65535), nor empty");
        }
        return Checked.error(key, "no such setting; known settings: " + String.join(", ", defaults().keySet()));
    }

    private static boolean isHostAndPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return port >= 0 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
