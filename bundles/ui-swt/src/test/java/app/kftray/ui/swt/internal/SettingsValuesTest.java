package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.SettingKeys;
import app.kftray.api.model.FieldError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsValuesTest {
    private static Map<String, String> typed(String maxMiB, String days, String capMiB, String minutes) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, maxMiB);
        typed.put(SettingKeys.HTTP_LOGS_RETENTION_DAYS, days);
        typed.put(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, capMiB);
        typed.put(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, minutes);
        return typed;
    }

    @Test
    void validValuesAreStoredInTheSettingsUnits() {
        SettingsValues.Checked checked = SettingsValues.check(typed("25", " 30 ", "512", "0"),
                Map.of(SettingKeys.NETWORK_MONITOR, false), "headers");
        assertEquals(List.of(), checked.errors());
        assertEquals(Long.toString(25L << 20), checked.values().get(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE));
        assertEquals("30", checked.values().get(SettingKeys.HTTP_LOGS_RETENTION_DAYS));
        assertEquals(Long.toString(512L << 20), checked.values().get(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP));
        assertEquals("0", checked.values().get(SettingKeys.DISCONNECT_TIMEOUT_MINUTES));
        assertEquals("false", checked.values().get(SettingKeys.NETWORK_MONITOR));
        assertEquals("headers", checked.values().get(SettingKeys.HTTP_LOGS_BODY_LEVEL));
    }

    @Test
    void anyBadValueMeansNothingToStoreAndEveryProblemIsNamed() {
        SettingsValues.Checked checked = SettingsValues.check(typed("0", "366", "", "1.5"), Map.of(), "verbose");
        assertEquals(Map.of(), checked.values());
        assertEquals(List.of(
                new FieldError(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "'0' is not a whole number from 1 to 1000 MiB"),
                new FieldError(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "'366' is not a whole number from 1 to 365 days"),
                new FieldError(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP,
                        "nothing is not a whole number from 1 to 102400 MiB"),
                new FieldError(SettingKeys.DISCONNECT_TIMEOUT_MINUTES,
                        "'1.5' is not a whole number from 0 to 1440 minutes"),
                new FieldError(SettingKeys.HTTP_LOGS_BODY_LEVEL, "choose one of [full, headers]")), checked.errors());
    }

    @Test
    void storedValuesShowInFormUnitsAndFallBackToDefaults() {
        Map<String, String> stored = new HashMap<>();
        stored.put(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, Long.toString(25L << 20));
        stored.put(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, Long.toString(3L << 19));
        stored.put(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "soon");
        stored.put(SettingKeys.NETWORK_MONITOR, "maybe");
        stored.put(SettingKeys.HTTP_LOGS_BODY_LEVEL, "everything");
        java.util.function.Function<String, Optional<String>> read = key -> Optional.ofNullable(stored.get(key));
        assertEquals("25", SettingsValues.display(read, SettingsValues.MAX_FILE_SIZE));
        assertEquals("1.5", SettingsValues.display(read, SettingsValues.TOTAL_SIZE_CAP));
        assertEquals("soon", SettingsValues.display(read, SettingsValues.RETENTION_DAYS), "shown so it gets fixed");
        assertEquals("0", SettingsValues.display(read, SettingsValues.AUTO_STOP_MINUTES));
        assertTrue(SettingsValues.flag(read, SettingKeys.NETWORK_MONITOR), "unreadable: the default");
        assertEquals("full", SettingsValues.bodyLevel(read));
    }
}
