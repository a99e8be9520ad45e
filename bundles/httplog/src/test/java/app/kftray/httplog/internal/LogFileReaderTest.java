package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogReader.Filter;
import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the logs back: listing, tailing, filtering, following across rotation, and file hygiene. */
class LogFileReaderTest {
    @TempDir
    Path root;

    private void logExchanges(TapHarness harness, String connection, int from, int to) {
        HttpTap tap = harness.open(connection);
        for (int i = from; i < to; i++) {
            String method = i % 3 == 0 ? "POST" : "GET";
            int status = i % 5 == 0 ? 503 : i % 4 == 0 ? 404 : 200;
            harness.client(tap, method + " /items/" + i + "?q=" + i + " HTTP/1.1\r\nX-Request-Id: id-" + i
                    + "\r\nContent-Length: 0\r\n\r\n");
            harness.server(tap, "HTTP/1.1 " + status + " S\r\nContent-Length: 0\r\n\r\n");
        }
        tap.close();
    }

    private TestSettings smallFiles(int rotatedKept) {
        TestSettings settings = new TestSettings(root);
        settings.maxFileBytes = 4 * 1024;
        settings.maxRotatedFiles = rotatedKept;
        return settings;
    }

    private static List<String> uris(List<HttpExchangeRecord> entries) {
        return entries.stream().map(HttpExchangeRecord::uri).collect(Collectors.toList());
    }

    @Test
    void listAndTailFilterByStatusMethodPathAndTraceId() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 31)) {
            logExchanges(harness, "c", 0, 30);
            harness.stop();
        }
        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(20));
        try {
            assertEquals(List.of("7"), reader.forwards());
            assertEquals(List.of("/items/0?q=0", "/items/1?q=1", "/items/2?q=2"),
                    uris(reader.list("7", Filter.all(), 3)));
            assertEquals(List.of("/items/28?q=28", "/items/29?q=29"), uris(reader.tail("7", Filter.all(), 2)));
            assertEquals(List.of("/items/0?q=0", "/items/5?q=5", "/items/10?q=10", "/items/15?q=15",
                    "/items/20?q=20", "/items/25?q=25"), uris(reader.list("7", new Filter("5xx", null, null, null,
                    false), 100)));
            assertEquals(List.of("/items/4?q=4", "/items/8?q=8"),
                    uris(reader.list("7", new Filter("404", "get", null, null, false), 2)));
            assertEquals(List.of("/items/12?q=12"),
                    uris(reader.list("7", new Filter(null, "POST", "/items/12", null, false), 10)));
            assertEquals(List.of("/items/17?q=17"), uris(reader.list("7", new Filter(null, null, null, "id-17",
                    false), 10)));
            // the path filter does not look into the query string
            assertEquals(List.of(), reader.list("7", new Filter(null, null, "q=1", null, true), 10));
            assertEquals(List.of(), reader.list("no-such-forward", Filter.all(), 10));
            assertThrows(IllegalArgumentException.class, () -> new Filter("42", null, null, null, true));
            assertThrows(IllegalArgumentException.class, () -> reader.tail("7", Filter.all(), 0));
        } finally {
            reader.deactivate();
        }
    }

    @Test
    void unreadableLinesBecomeNoticesAndTheRestIsRead() throws IOException {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 32)) {
            logExchanges(harness, "c", 0, 2);
            harness.stop();
            Path file = harness.forwardDir().resolve("exchanges.jsonl");
            Files.writeString(file, "{not json\n{\"kind\":\"EXCHANGE\",\"uri\":\"/injected\",\"notes\":[]}\n",
                    StandardOpenOption.APPEND);
        }
        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(20));
        try {
            assertEquals(List.of("/items/0?q=0", "/items/1?q=1", "/injected"), uris(reader.list("7",
                    new Filter(null, null, null, null, false), 10)));
            List<HttpExchangeRecord> all = reader.list("7", Filter.all(), 10);
            assertEquals(4, all.size());
            HttpExchangeRecord notice = all.get(2);
            assertEquals(HttpExchangeRecord.Kind.NOTICE, notice.kind());
            assertTrue(notice.notes().get(0).startsWith("unreadable line of exchanges.jsonl skipped: "),
                    notice.notes().toString());
        } finally {
            reader.deactivate();
        }
    }

    @Test
    void followDeliversNewEntriesAcrossRotation() throws Exception {
        TestSettings settings = smallFiles(100);
        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(10));
        LinkedBlockingQueue<HttpExchangeRecord> followed = new LinkedBlockingQueue<>();
        try (TapHarness harness = new TapHarness(settings, 33)) {
            logExchanges(harness, "before", 0, 1);
            awaitContent(harness.forwardDir().resolve("exchanges.jsonl"));
            try (AutoCloseable following = reader.follow("7", new Filter("503", null, null, null, false),
                    followed::add)) {
                logExchanges(harness, "after", 1, 101);
                harness.stop();
                for (int expected = 5; expected < 101; expected += 5) {
                    HttpExchangeRecord next = followed.poll(5, TimeUnit.SECONDS);
                    assertEquals("/items/" + expected + "?q=" + expected, next == null ? null : next.uri());
                }
            }
            assertTrue(RotatingLogFile.rotated(harness.forwardDir(), "exchanges", "jsonl").size() > 3);
        } finally {
            reader.deactivate();
        }
    }

    @Test
    void followTellsOfAReplacedOrTruncatedFileAndKeepsFollowing() throws Exception {
        Path dir = Files.createDirectories(root.resolve("9"));
        Path file = dir.resolve("exchanges.jsonl");
        Files.writeString(file, entry("/old"));
        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(10));
        LinkedBlockingQueue<HttpExchangeRecord> followed = new LinkedBlockingQueue<>();
        try (AutoCloseable following = reader.follow("9", Filter.all(), followed::add)) {
            Files.writeString(file, entry("/last-of-old"), StandardOpenOption.APPEND);
            assertEquals("/last-of-old", next(followed).uri());

            // replaced by another file under the same name, as a log rotation tool does
            Path fresh = dir.resolve("incoming.tmp");
            Files.writeString(fresh, entry("/first-of-new"));
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            HttpExchangeRecord rotated = next(followed);
            assertEquals(HttpExchangeRecord.Kind.NOTICE, rotated.kind());
            assertEquals(List.of("log file rotated: following the new file from its start"), rotated.notes());
            assertEquals("/first-of-new", next(followed).uri());

            // truncated in place, then written again
            Files.writeString(file, "", StandardOpenOption.TRUNCATE_EXISTING);
            HttpExchangeRecord truncated = next(followed);
            assertEquals(List.of("log file truncated: reading it again from its start"), truncated.notes());
            Files.writeString(file, entry("/after-truncation"), StandardOpenOption.APPEND);
            assertEquals("/after-truncation", next(followed).uri());
        } finally {
            reader.deactivate();
        }
    }

    private static String entry(String uri) {
        return "{\"kind\":\"EXCHANGE\",\"uri\":\"" + uri + "\",\"notes\":[]}\n";
    }

    private static HttpExchangeRecord next(LinkedBlockingQueue<HttpExchangeRecord> followed) throws InterruptedException {
        HttpExchangeRecord next = followed.poll(5, TimeUnit.SECONDS);
        assertTrue(next != null, "nothing followed within 5 s");
        return next;
    }

    @Test
    void rotationKeepsTheNewestFilesOwnerOnly() throws Exception {
        TestSettings settings = smallFiles(3);
        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(10));
        try (TapHarness harness = new TapHarness(settings, 34)) {
            logExchanges(harness, "c", 0, 101);
            harness.stop();
            try (Stream<Path> files = Files.list(harness.forwardDir())) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(4, names.stream().filter(n -> n.endsWith(".jsonl")).count(), names.toString());
                assertEquals(4, names.stream().filter(n -> n.endsWith(".http")).count(), names.toString());
                assertTrue(names.contains("exchanges.jsonl"));
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    harness.forwardDir())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    harness.forwardDir().resolve("exchanges.jsonl"))));
            List<HttpExchangeRecord> all = reader.list("7", Filter.all(), 1000);
            assertEquals("/items/100?q=100", all.get(all.size() - 1).uri());
            assertTrue(all.size() < 100, "entries of deleted files are gone: " + all.size());
            for (int i = 1; i < all.size(); i++) {
                assertEquals(all.get(i - 1).sequence() + 1, all.get(i).sequence(), "kept files are contiguous");
            }
        } finally {
            reader.deactivate();
        }
    }

    private static void awaitContent(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((!Files.exists(file) || Files.size(file) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
