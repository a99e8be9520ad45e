package app.kftray.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.kftray.api.model.FieldError;
import org.junit.jupiter.api.Test;

/** Every setting's values are checked alike by every interface: in stored units, typed units and flags. */
class SettingRulesTest {
    @Test
    void goodValuesAreStoredInStoredUnits() {
        assertEquals(new SettingRules.Checked("26214400", null),
                SettingRules.check(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "25MiB"));
        assertEquals(new SettingRules.Checked("2097152", null),
                SettingRules.check(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, " 2097152 "));
        assertEquals(new SettingRules.Checked("30", null), SettingRules.check(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "30"));
        assertEquals(new SettingRules.Checked("0", null),
                SettingRules.check(SettingKeys.DISCONNECT_TIMEOUT_MINUTES, "0"));
        assertEquals(new SettingRules.Checked("false", null), SettingRules.check(SettingKeys.NETWORK_MONITOR, "false"));
        assertEquals(new SettingRules.Checked("headers", null),
                SettingRules.check(SettingKeys.HTTP_LOGS_BODY_LEVEL, "headers"));
        assertEquals(new SettingRules.Checked("127.0.0.1:9100", null),
                SettingRules.check(SettingKeys.METRICS_ADDRESS, "127.0.0.1:9100"));
        assertEquals(new SettingRules.Checked("", null), SettingRules.check(SettingKeys.METRICS_ADDRESS, ""));
    }

    @Test
    void badValuesAndUnknownKeysSayWhy() {
        assertEquals(new FieldError(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "'0' is not a whole number from 1 to 365 days"),
                SettingRules.check(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "0").error());
        assertEquals(new FieldError(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "'1001' is not a whole number from 1 to 1000 MiB"),
                SettingRules.check(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "1001MiB").error());
        assertEquals(new FieldError(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, "'1024' is not a whole number of bytes from "
                        + "1048576 to 107374182400 (1 to 102400 MiB; '512MiB' is understood too)"),
                SettingRules.check(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, "1024").error());
        assertEquals(new FieldError(SettingKeys.HEALTH_CHECK, "'1' is neither true nor false"),
                SettingRules.check(SettingKeys.HEALTH_CHECK, "1").error());
        assertEquals(new FieldError(SettingKeys.HTTP_LOGS_BODY_LEVEL, "'all' is not one of full, headers"),
                SettingRules.check(SettingKeys.HTTP_LOGS_BODY_LEVEL, "all").error());
        assertEquals(new FieldError(SettingKeys.METRICS_ADDRESS, "'localhost:http' is not host:port (a port from 0 to "
                + "65535), nor empty"), SettingRules.check(SettingKeys.METRICS_ADDRESS, "localhost:http").error());
        FieldError unknown = SettingRules.check("retention", "3").error();
        assertEquals("retention", unknown.field());
        assertEquals("no such setting; known settings: " + String.join(", ", SettingRules.defaults().keySet()),
                unknown.message());
        assertNull(SettingRules.check("retention", "3").value());
    }

    @Test
    void everySettingKeyHasADefault() {
        assertEquals("10485760", SettingRules.defaults().get(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE));
        assertEquals("7", SettingRules.defaults().get(SettingKeys.HTTP_LOGS_RETENTION_DAYS));
        assertEquals("full", SettingRules.defaults().get(SettingKeys.HTTP_LOGS_BODY_LEVEL));
        assertEquals("true", SettingRules.defaults().get(SettingKeys.NETWORK_MONITOR));
        assertEquals(9, SettingRules.defaults().size());
    }
}
