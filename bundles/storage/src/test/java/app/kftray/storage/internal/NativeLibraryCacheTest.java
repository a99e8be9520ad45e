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
import java.util.List;
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
    void remembersThePlatformFolderOwnerOnly() throws IOException {
        Path library = NativeLibraryCache.ensure(home).orElseThrow();

        Path remembered = onlyPlatformFile(library.getParent().getParent());
        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), Files.readString(remembered));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(remembered)));
        assertEquals(library, NativeLibraryCache.ensure(home).orElseThrow(), "the same copy through the remembered folder");
    }

    @Test
    void remembersThePlatformOfACopyFromBefore() throws IOException {
        Path library = NativeLibraryCache.ensure(home).orElseThrow();
        Files.delete(onlyPlatformFile(library.getParent().getParent()));

        assertEquals(library, NativeLibraryCache.ensure(home).orElseThrow());
        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(),
                Files.readString(onlyPlatformFile(library.getParent().getParent())));
    }

    @Test
    void asksTheDriverAgainWhenTheRememberedFolderIsWrong() throws IOException {
        Path library = NativeLibraryCache.ensure(home).orElseThrow();
        Path remembered = onlyPlatformFile(library.getParent().getParent());
        for (String wrong : new String[] {"../../../etc", "Plan9-mips", "", "Linux-x86_64\nLinux-aarch64"}) {
            Files.writeString(remembered, wrong);

            assertEquals(library, NativeLibraryCache.ensure(home).orElseThrow(), wrong);
            assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), Files.readString(remembered), "rewritten");
        }
    }

    @Test
    void failsWhenTheCacheCannotBeCreated() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-directory"), "x");
        assertThrows(IOException.class, () -> NativeLibraryCache.ensure(file.resolve("cache")));
    }

    private static Path onlyPlatformFile(Path versionDirectory) throws IOException {
        try (var files = Files.list(versionDirectory)) {
            List<Path> platforms = files.filter(f -> f.getFileName().toString()
                    .startsWith(NativeLibraryCache.PLATFORM_FILE_PREFIX)).toList();
            assertEquals(1, platforms.size(), platforms.toString());
            return platforms.get(0);
        }
    }

    private static byte[] resource(String name) throws IOException {
        String path = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
