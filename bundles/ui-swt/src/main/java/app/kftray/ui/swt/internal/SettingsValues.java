package app.kftray.ui.swt.internal;

import app.kftray.api.SettingKeys;
import app.kftray.api.model.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application settings the settings dialog edits: how stored strings show in the form (sizes
 * in MiB), the defaults when unset, and the checks a typed value must pass before anything is
 * saved. Keys are those of {@link SettingKeys}; errors are keyed by the same names.
 */
final class SettingsValues {
    static final long MIB = 1024L * 1024;
    /** Body levels the HTTP log knows. */
    static final List<String> BODY_LEVELS = List.of("full", "headers");

    /**
     * A number setting.
     *
     * @param key     its key
     * @param min     smallest value in form units
     * @param max     largest value in form units
     * @param unit    bytes per form unit (1 for plain numbers, {@link #MIB} for sizes)
     * @param fallback default in form units
     * @param what    unit word for messages
     */
    record Range(String key, long min, long max, long unit, long fallback, String what) {
    }

    static final Range MAX_FILE_SIZE = new Range(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, 1, 1000, MIB, 10, "MiB");
    static final Range RETENTION_DAYS = new Range(SettingKeys.HTTP_LOGS_RETENTION_DAYS, 1, 365, 1, 7, "days");
    static final Range TOTAL_SIZE_CAP = new Range(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, 1, 102_400, MIB, 512, "MiB");
    static final Range AUTO_STOP_MINUTES = new Range(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, 0, 1440, 1, 0,
            "minutes");
    static final List<Range> RANGES = List.of(MAX_FILE_SIZE, RETENTION_DAYS, TOTAL_SIZE_CAP, AUTO_STOP_MINUTES);

    /** Check-box settings and their defaults. */
    static final Map<String, Boolean> FLAGS = Map.of(
            SettingKeys.HTTP_LOGS_DEFAULT_ENABLED, false,
            SettingKeys.NETWORK_MONITOR, true,
            SettingKeys.HEALTH_CHECK, false);

    private SettingsValues() {
    }

    /**
     * @param stored reads a stored setting
     * @param range  the setting
     * @return the text the form shows: the stored value in form units, or the default
     */
    static String display(Function<String, Optional<String>> stored, Range range) {
        return stored.apply(range.key()).map(value -> {
            try {
                long number = Long.parseLong(value.trim());
                return number % range.unit() == 0 ? Long.toString(number / range.unit())
                        : java.math.BigDecimal.valueOf(number).divide(java.math.BigDecimal.valueOf(range.unit()),
                                3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return value; // shown as stored; saving asks for a valid number
            }
        }).orElse(Long.toString(range.fallback()));
    }

    /** @return the stored flag, or its default when unset or not {@code true}/{@code false} */
    static boolean flag(Function<String, Optional<String>> stored, String key) {
        return stored.apply(key).map(String::trim).filter(v -> v.equals("true") || v.equals("false"))
                .map(Boolean::parseBoolean).orElse(FLAGS.get(key));
    }

    /** @return the stored body level, or {@code full} */
    static String bodyLevel(Function<String, Optional<String>> stored) {
        return stored.apply(SettingKeys.HTTP_LOGS_BODY_LEVEL).filter(BODY_LEVELS::contains).orElse("full");
    }

    /**
     * The outcome of checking a form.
     *
     * @param values what to store, key to string (empty when there are errors)
     * @param errors problems, keyed by setting
     */
    record Checked(Map<String, String> values, List<FieldError> errors) {
    }

    /**
     * @param numbers   typed text per number setting key
     * @param flags     check-box state per flag key
     * @param bodyLevel chosen body level
     * @return the values to store, or every problem (then nothing may be stored)
     */
    static Checked check(Map<String, String> numbers, Map<String, Boolean> flags, String bodyLevel) {
        Map<String, String> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Range range : RANGES) {
            String text = numbers.getOrDefault(range.key(), "").trim();
            try {
                long number = Long.parseLong(text);
                if (number < range.min() || number > range.max()) {
                    errors.add(outOfRange(range, text));
                } else {
                    values.put(range.key(), Long.toString(number * range.unit()));
                }
            } catch (NumberFormatException e) {
                errors.add(outOfRange(range, text));
            }
        }
        flags.forEach((key, on) -> values.put(key, Boolean.toString(on)));
        if (!BODY_LEVELS.contains(bodyLevel)) {
            errors.add(new FieldError(SettingKeys.HTTP_LOGS_BODY_LEVEL, "choose one of " + BODY_LEVELS));
        } else {
            values.put(SettingKeys.HTTP_LOGS_BODY_LEVEL, bodyLevel);
        }
        return errors.isEmpty() ? new Checked(values, List.of()) : new Checked(Map.of(), errors);
    }

    private static FieldError outOfRange(Range range, String text) {
        String shown = text.isEmpty() ? "nothing" : "'" + text + "'";
        return new FieldError(range.key(), shown + " is not a whole number from " + range.min() + " to "
                + range.max() + " " + range.what());
    }
}
