package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

class NativeLibraryCacheTest {
    @TempDir
    Path home;

    @Test
    void extractsTheDriversLibraryOnceOwnerOnly() throws IOException {
        Path cache = home.resolve("cache");
        Path library = NativeLibraryCache.ensure(cache).orElseThrow();

        assertTrue(library.startsWith(cache), library.toString());
        assertArrayEquals(resource(library.getFileName().toString()), Files.readAllBytes(library));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
        for (Path dir = library.getParent(); !dir.equals(home); dir = dir.getParent()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        try (var files = Files.list(library.getParent())) {
            assertEquals(1, files.count(), "no partial copies left");
        }
    }

    @Test
    void reusesTheCopyOfAnEarlierRun() throws IOException {
        Path library = NativeLibraryCache.ensure(home).orElseThrow();
        FileTime earlier = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library, earlier);

        assertEquals(library, NativeLibraryCache.ensure(home).orElseThrow());
        assertEquals(earlier, Files.getLastModifiedTime(library), "not written again");
    }

    @Test
    void failsWhenTheCacheCannotBeCreated() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-directory"), "x");
        assertThrows(IOException.class, () -> NativeLibraryCache.ensure(file.resolve("cache")));
    }

    private static byte[] resource(String name) throws IOException {
        String path = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
