package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpLogLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP log limits the store reports are kept between reads, yet follow every change to the
 * definitions: this store's own, another process's (once its poll announced it) and a restore.
 */
class HttpLogLimitsFreshnessTest extends ConfigStoreTestSupport {
    private static final String ENTRY = "{\"alias\":\"%s\",\"namespace\":\"dev\",\"service\":\"%s\",\"remote_port\":80,"
            + "\"local_port\":%d,\"workload_type\":\"service\",\"protocol\":\"tcp\",\"http_logs_enabled\":true%s}";
    private static final HttpLogLimits ONE_DAY = new HttpLogLimits(null, 1, true);
    private static final HttpLogLimits SMALL_FILES = new HttpLogLimits(2048L, null, true);

    @Test
    void thisStoresOwnChangesAreSeenAtOnce() {
        assertEquals(Map.of(), store.httpLogLimits());
        long days = id(importOne("days", 18080, ",\"http_logs_retention_days\":1"));
        assertEquals(Map.of(days, ONE_DAY), store.httpLogLimits());
        assertEquals(Map.of(days, ONE_DAY), store.httpLogLimits(), "the same answer while nothing changed");

        long small = id(importOne("small", 18081, ",\"http_logs_max_file_size\":2048"));
        assertEquals(Map.of(days, ONE_DAY, small, SMALL_FILES), store.httpLogLimits());

        store.delete(days);
        assertEquals(Map.of(small, SMALL_FILES), store.httpLogLimits());
        assertThrows(UnsupportedOperationException.class, () -> store.httpLogLimits().put(days, ONE_DAY),
                "every caller shares the kept map");
    }

    @Test
    void anotherProcessesChangesAreSeenOnceItsPollAnnouncedThem() throws Exception {
        RecordingListener heard = new RecordingListener();
        store.addListener(heard);
        assertEquals(Map.of(), store.httpLogLimits());
        try (SqliteConfigStore otherProcess = Fixtures.configStore(dir)) {
            otherProcess.importJson("[" + String.format(ENTRY, "days", "days", 18080, ",\"http_logs_retention_days\":1")
                    + "]");
            assertNotNull(heard.next(Duration.ofSeconds(5)), "the other process's import is announced");
            long days = id("days");
            assertEquals(Map.of(days, ONE_DAY), store.httpLogLimits());

            otherProcess.delete(days);
            assertNotNull(heard.next(Duration.ofSeconds(5)), "the other process's deletion is announced");
            assertEquals(Map.of(), store.httpLogLimits());
        }
    }

    @Test
    void aRestoreBringsBackTheLimitsOfTheBackup() {
        long days = id(importOne("days", 18080, ",\"http_logs_retention_days\":1"));
        Path backup = dir.resolve("backup.db");
        store.backup(backup);
        store.delete(days);
        assertEquals(Map.of(), store.httpLogLimits());

        store.restore(backup);
        assertEquals(Map.of(days, ONE_DAY), store.httpLogLimits());
    }

    private String importOne(String alias, int port, String limits) {
        store.importJson("[" + String.format(ENTRY, alias, alias, port, limits) + "]");
        return alias;
    }

    private long id(String alias) {
        return store.find(alias).map(ForwardConfig::id).orElseThrow();
    }
}
