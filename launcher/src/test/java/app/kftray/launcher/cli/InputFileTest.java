package app.kftray.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.kftray.launcher.boot.LauncherException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8Text() throws IOException {
        Path file = Files.writeString(dir.resolve("configs.json"), "[{\"alias\":\"caf\u00e9\"}]");
        assertEquals("[{\"alias\":\"caf\u00e9\"}]", InputFile.text(file));
    }

    @Test
    void aBinaryFileIsNamedAsNotTextWithWhereItFailed() throws IOException {
        Path file = Files.write(dir.resolve("image.png"), new byte[] {'[', '{', (byte) 0x89, 'P', 'N', 'G'});
        LauncherException refused = assertThrows(LauncherException.class, () -> InputFile.text(file));
        assertEquals(file + ": not UTF-8 text (byte 2 is 0x89); expected a JSON file such as kftray's configs.json",
                refused.getMessage());
    }

    @Test
    void aFileOverTheCapIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(InputFile.MAX_TEXT_BYTES + 1);
        }
        LauncherException refused = assertThrows(LauncherException.class, () -> InputFile.text(file));
        assertEquals(file + ": 16777217 bytes is more than the 16777216 a configs file may have", refused.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        LauncherException refused = assertThrows(LauncherException.class, () -> InputFile.text(dir.resolve("none.json")));
        assertEquals(dir.resolve("none.json") + ": no such file", refused.getMessage());
    }
}
