package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpLogLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A definition's own HTTP log limits are read back for the HTTP log; kftray's defaults count as unset. */
class HttpLogLimitsImportTest extends ConfigStoreTestSupport {
    private static final String ENTRY = "{\"alias\":\"%s\",\"namespace\":\"dev\",\"service\":\"%s\",\"remote_port\":80,"
            + "\"local_port\":%d,\"workload_type\":\"service\",\"protocol\":\"tcp\",\"http_logs_enabled\":true%s}";

    @Test
    void ownLimitsAreReportedAndKftraysDefaultsAreNot() {
        store.importJson("[" + String.join(",",
                String.format(ENTRY, "own", "own", 18080, ",\"http_logs_max_file_size\":2048,"
                        + "\"http_logs_retention_days\":30,\"http_logs_auto_cleanup\":false"),
                String.format(ENTRY, "defaults", "defaults", 18081, ",\"http_logs_max_file_size\":10485760,"
                        + "\"http_logs_retention_days\":7,\"http_logs_auto_cleanup\":true"),
                String.format(ENTRY, "days", "days", 18082, ",\"http_logs_retention_days\":1"),
                String.format(ENTRY, "none", "none", 18083, "")) + "]");
        long own = store.find("own").map(ForwardConfig::id).orElseThrow();
        long days = store.find("days").map(ForwardConfig::id).orElseThrow();

        assertEquals(Map.of(own, new HttpLogLimits(2048L, 30, false), days, new HttpLogLimits(null, 1, true)),
                store.httpLogLimits());
    }
}
