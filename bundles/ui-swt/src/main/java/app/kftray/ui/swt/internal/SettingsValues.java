package app.kftray.ui.swt.internal;

import app.kftray.api.SettingKeys;
import app.kftray.api.SettingRules;
import app.kftray.api.SettingRules.Range;
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
 * saved (the rules of {@link SettingRules}). Keys are those of {@link SettingKeys}; errors are keyed by
 * the same names.
 */
final class SettingsValues {
    static final long MIB = SettingRules.MIB;
    /** Body levels the HTTP log knows. */
    static final List<String> BODY_LEVELS = SettingRules.BODY_LEVELS;
    static final Range MAX_FILE_SIZE = SettingRules.MAX_FILE_SIZE;
    static final Range RETENTION_DAYS = SettingRules.RETENTION_DAYS;
    static final Range TOTAL_SIZE_CAP = SettingRules.TOTAL_SIZE_CAP;
    static final Range AUTO_STOP_MINUTES = SettingRules.AUTO_STOP_MINUTES;
    static final List<Range> RANGES = SettingRules.RANGES;
    /** Check-box settings and their defaults. */
    static final Map<String, Boolean> FLAGS = SettingRules.FLAGS;

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
            SettingRules.Checked checked = range.typed(numbers.getOrDefault(range.key(), ""));
            if (checked.error() != null) {
                errors.add(checked.error());
            } else {
                values.put(range.key(), checked.value());
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
}
