package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.kftray.api.HttpLogReader.Filter;
import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad byte or a torn line costs one line; a full disk costs the entries written meanwhile, not the writer. */
class LogFileRecoveryTest {
    private static final Path FULL_DISK = Paths.get("/dev/full");

    @TempDir
    Path root;

    @Test
    void aWriteThatFailsOnAFullDiskLeavesTheFileUsableOnceSpaceReturns() throws IOException {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full, where every write fails with ENOSPC");
        Path dir = Files.createDirectories(root.resolve("7"));
        Path current = dir.resolve("exchanges.jsonl");
        Files.createSymbolicLink(current, FULL_DISK);
        RotatingLogFile file = new RotatingLogFile(dir, "exchanges", "jsonl", () -> 1 << 20, 3, () -> Duration.ofDays(7));

        file.write("{\"lost\":1}\n".getBytes(StandardCharsets.UTF_8));
        IOException full = assertThrows(IOException.class, file::flush);
        assertEquals("No space left on device", full.getMessage());

        // space returns; the disk kept part of a line written before it filled up
        Files.delete(current);
        Files.writeString(current, "{\"kept\":1}\n{\"torn\":");
        file.write("{\"after\":1}\n".getBytes(StandardCharsets.UTF_8));
        file.close();

        assertEquals(List.of("{\"kept\":1}", "{\"torn\":", "{\"after\":1}"), Files.readAllLines(current));
    }

    @Test
    void anInvalidByteOrATornLineCostsThatLineNotTheFile() throws Exception {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 61)) {
            HttpTap tap = harness.open("c");
            for (int i = 0; i < 4; i++) {
                harness.emptyExchange(tap, "/e/" + i);
            }
            tap.close();
            harness.stop();
        }
        Path current = root.resolve("7").resolve("exchanges.jsonl");
        List<byte[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(current)) {
            lines.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // line 2: its path gets a byte that is not UTF-8; line 3: cut in the middle, as a crash leaves it
        String second = new String(lines.get(1), StandardCharsets.UTF_8);
        int at = second.indexOf("/e/1") + 3;
        byte[] bad = lines.get(1).clone();
        bad[at] = (byte) 0xff;
        lines.set(1, bad);
        byte[] torn = new byte[lines.get(2).length / 2 + 1];
        System.arraycopy(lines.get(2), 0, torn, 0, torn.length - 1);
        torn[torn.length - 1] = '\n';
        lines.set(2, torn);
        try (var out = Files.newOutputStream(current)) {
            for (byte[] line : lines) {
                out.write(line);
            }
        }

        LogFileReader reader = new LogFileReader(root, Duration.ofMillis(20));
        try {
            List<HttpExchangeRecord> entries = reader.list("7", Filter.all(), 100);
            List<String> uris = entries.stream().filter(e -> e.kind() != HttpExchangeRecord.Kind.NOTICE)
                    .map(HttpExchangeRecord::uri).collect(Collectors.toList());
            assertEquals(List.of("/e/0", "/e/\ufffd", "/e/3"), uris);
            assertEquals(1, entries.stream().filter(e -> e.kind() == HttpExchangeRecord.Kind.NOTICE).count(),
                    "the torn line is reported as one notice");
        } finally {
            reader.deactivate();
        }
    }
}
