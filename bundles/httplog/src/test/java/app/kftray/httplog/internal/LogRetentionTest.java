package app.kftray.httplog.internal;

import static app.kftray.httplog.internal.HttpLogSecretsTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.SettingKeys;
import app.kftray.api.model.HttpLogLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP log settings are enforced: file size, retention days and the total cap, deleted forwards included. */
class LogRetentionTest {
    @TempDir
    Path root;

    private Path logFile(String forward, String name, int bytes, Duration age) throws IOException {
        Path file = root.resolve(forward).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private List<String> remaining() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void filesPastTheRetentionDaysGoInEveryForwardAndEmptyDirectoriesToo() throws IOException {
        LogPolicy policy = new LogPolicy(new TestSettings(root).build());
        policy.refresh(settings(Map.of(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "2")));
        logFile("7", "exchanges.jsonl", 10, Duration.ofHours(1));
        logFile("7", "exchanges-20260101T000000.000-000.jsonl", 10, Duration.ofDays(3));
        logFile("42", "exchanges.jsonl", 10, Duration.ofDays(5));
        logFile("42", "exchanges.http", 10, Duration.ofDays(5));

        assertEquals(3, new LogSweeper(root, policy).sweep());

        assertEquals(List.of("7/exchanges.jsonl"), remaining());
        assertFalse(Files.exists(root.resolve("42")), "the deleted forward's directory is gone");
    }

    @Test
    void theOldestFilesGoUntilAllLogsFitTheTotalCap() throws IOException {
        LogPolicy policy = new LogPolicy(new TestSettings(root).build());
        policy.refresh(settings(Map.of(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, "2500")));
        for (int i = 0; i < 3; i++) {
            logFile("1", "exchanges-" + i + ".jsonl", 1000, Duration.ofMinutes(60 - i * 3L));
            logFile("2", "exchanges-" + i + ".jsonl", 1000, Duration.ofMinutes(59 - i * 3L));
            logFile("3", "exchanges-" + i + ".jsonl", 1000, Duration.ofMinutes(58 - i * 3L));
        }

        assertEquals(7, new LogSweeper(root, policy).sweep());

        assertEquals(List.of("2/exchanges-2.jsonl", "3/exchanges-2.jsonl"), remaining());
    }

    @Test
    void theRunningComponentSweepsAtStartAndThenPeriodically() throws Exception {
        Path old = logFile("gone", "exchanges.jsonl", 10, Duration.ofDays(30));
        HttpLogComponent component = new HttpLogComponent(new TestSettings(root).build(), Duration.ofMillis(100));
        try {
            awaitGone(old);
            Path later = logFile("7", "exchanges-x.http", 10, Duration.ofDays(30));
            awaitGone(later);
        } finally {
            component.deactivate();
        }
    }

    @Test
    void theMaxFileSizeSettingRotatesTheLogOfARunningForward() throws IOException {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 51)) {
            harness.component.policy().refresh(settings(Map.of(SettingKeys.HTTP_LOGS_MAX_FILE_SIZE, "2048")));
            assertRotatesAt(harness, 2048);
        }
    }

    @Test
    void aForwardsOwnRetentionAndCleanupReplaceTheSettingForItsLogsOnly() throws IOException {
        LogPolicy policy = new LogPolicy(new TestSettings(root).build());
        policy.refresh(settings(Map.of(SettingKeys.HTTP_LOGS_RETENTION_DAYS, "2")));
        policy.ownLimits(Map.of(7L, new HttpLogLimits(null, 10, true), 8L, new HttpLogLimits(null, null, false)));
        logFile("7", "exchanges-a.jsonl", 10, Duration.ofDays(5));
        logFile("7", "exchanges-b.jsonl", 10, Duration.ofDays(11));
        logFile("8", "exchanges-c.jsonl", 10, Duration.ofDays(30));
        logFile("9", "exchanges-d.jsonl", 10, Duration.ofDays(5));

        assertEquals(2, new LogSweeper(root, policy).sweep());

        assertEquals(List.of("7/exchanges-a.jsonl", "8/exchanges-c.jsonl"), remaining());
    }

    @Test
    void theTotalCapStillAppliesToAForwardThatTurnedCleanupOff() throws IOException {
        LogPolicy policy = new LogPolicy(new TestSettings(root).build());
        policy.refresh(settings(Map.of(SettingKeys.HTTP_LOGS_TOTAL_SIZE_CAP, "1500")));
        policy.ownLimits(Map.of(8L, new HttpLogLimits(null, null, false)));
        logFile("8", "exchanges-old.jsonl", 1000, Duration.ofDays(400));
        logFile("8", "exchanges-new.jsonl", 1000, Duration.ofDays(1));

        assertEquals(1, new LogSweeper(root, policy).sweep());

        assertEquals(List.of("8/exchanges-new.jsonl"), remaining());
    }

    @Test
    void aForwardsOwnMaxFileSizeRotatesItsLogUnderTheLargerSetting() throws IOException {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 51)) {
            harness.component.policy().ownLimits(Map.of(TapHarness.CONFIG_ID, new HttpLogLimits(2048L, null, true)));
            assertRotatesAt(harness, 2048);
        }
    }

    /** Logs 40 exchanges: the forward's log must rotate into several files of at most {@code maxBytes}. */
    private static void assertRotatesAt(TapHarness harness, long maxBytes) throws IOException {
        HttpTap tap = harness.open("c");
        for (int i = 0; i < 40; i++) {
            harness.emptyExchange(tap, "/item/" + i);
        }
        tap.close();
        harness.stop();
        List<Path> rotated = RotatingLogFile.rotated(harness.forwardDir(), "exchanges", "jsonl");
        assertTrue(rotated.size() >= 3, "rotated: " + rotated);
        for (Path file : rotated) {
            assertTrue(Files.size(file) <= maxBytes, file + " has " + Files.size(file) + " bytes");
        }
    }

    private static void awaitGone(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(file), file + " was not deleted");
    }
}
