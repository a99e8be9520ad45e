package app.kftray.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Recognises SQLite database files by their 16-byte header, without opening them with SQLite. */
final class SqliteHeader {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteHeader() {
    }

    /**
     * @param file an existing file
     * @return whether it is empty (SQLite's view of a new database) or starts with the SQLite header
     * @throws IOException if it cannot be read
     */
    static boolean isSqliteOrEmpty(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }
}
