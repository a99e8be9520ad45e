package app.kftray.storage.internal;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library extracted in kftray's owner-only cache directory and points
 * the driver at it. Left alone, the driver writes (and verifies) a fresh copy into the temporary
 * directory on every process start, which is a large part of a short command's run time. The
 * copy is keyed by the driver version; settings the user gave ({@code org.sqlite.lib.path}) win,
 * and any failure falls back to the driver's own extraction.
 * <p>
 * A JVM loads a native library file into one class loader only. A command that opens the stores
 * and then boots a framework has the driver in two class loaders, so each later one gets its own
 * numbered copy (kept for the next process too), instead of the driver failing with an
 * {@code UnsatisfiedLinkError} it prints before falling back.
 */
final class NativeLibraryCache {
    static final String LIB_PATH = "org.sqlite.lib.path";
    static final String LIB_NAME = "org.sqlite.lib.name";
    static final String TMPDIR = "org.sqlite.tmpdir";
    /** The library this class pointed the driver at, so a later copy of it knows the setting is not the user's. */
    static final String CHOSEN = "app.kftray.sqlite.library";
    /** How many class loaders of this process loaded the driver through this class. */
    static final String LOADS = "app.kftray.sqlite.loads";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryCache.class);
    private static boolean prepared;

    private NativeLibraryCache() {
    }

    /**
     * Points the driver at the cached library, extracting it first if needed; once per process.
     *
     * @param cacheDirectory kftray's cache directory
     */
    static synchronized void prepare(Path cacheDirectory) {
        if (prepared || System.getProperty(LIB_PATH) != null && System.getProperty(CHOSEN) == null) {
            return;
        }
        prepared = true;
        try {
            Optional<Path> extracted = ensure(cacheDirectory);
            if (extracted.isPresent()) {
                int loads = Integer.getInteger(LOADS, 0) + 1;
                Path library = loads == 1 ? extracted.get() : numberedCopy(extracted.get(), loads);
                System.setProperty(LOADS, Integer.toString(loads));
                System.setProperty(CHOSEN, library.toString());
                System.setProperty(LIB_PATH, library.getParent().toString());
                System.setProperty(LIB_NAME, library.getFileName().toString());
                // the driver lists this directory for stale copies at load time; keep that small and private
                if (System.getProperty(TMPDIR) == null) {
                    System.setProperty(TMPDIR, library.getParent().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite native library not cached ({}); the driver extracts it", e.toString());
        }
    }

    /**
     * @param cacheDirectory kftray's cache directory
     * @return the extracted library of this platform, or empty when the driver has none to extract
     * @throws IOException if it cannot be written
     */
    static Optional<Path> ensure(Path cacheDirectory) throws IOException {
        String version = driverVersion();
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("sqlitejdbc").replace(".jnilib", ".dylib");
        String resource = "/org/sqlite/native/" + folder + "/" + name;
        if (version == null || NativeLibraryCache.class.getResource(resource) == null) {
            return Optional.empty();
        }
        Path directory = cacheDirectory.resolve("sqlite-jdbc-" + version).resolve(folder.replace('/', '-'));
        Path library = directory.resolve(name);
        if (Files.isRegularFile(library)) {
            return Optional.of(library);
        }
        KftrayHome.createOwnerOnly(cacheDirectory);
        KftrayHome.createOwnerOnly(directory.getParent());
        KftrayHome.createOwnerOnly(directory);
        Path partial = Files.createTempFile(directory, name, ".part"); // owner-only, like every temporary file
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(resource)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
            }
            // a concurrent process may win the race; both copies are the same bytes
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return Optional.of(library);
    }

    /** @return the copy of {@code library} for the {@code n}th class loader, made once */
    private static Path numberedCopy(Path library, int n) throws IOException {
        String name = library.getFileName().toString();
        int dot = name.indexOf('.');
        Path copy = library.resolveSibling(name.substring(0, dot) + "-" + n + name.substring(dot));
        if (!Files.isRegularFile(copy)) {
            Path partial = Files.createTempFile(library.getParent(), name, ".part");
            try {
                Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return copy;
    }

    private static String driverVersion() throws IOException {
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream("/sqlite-jdbc.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            return version == null || !version.matches("[0-9A-Za-z._-]+") ? null : version;
        }
    }
}
