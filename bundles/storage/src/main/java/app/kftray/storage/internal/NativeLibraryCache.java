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
import java.util.regex.Pattern;
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
    /** Files {@code platform-<os>-<arch>} next to the copies hold the driver's folder name for that platform. */
    static final String PLATFORM_FILE_PREFIX = "platform-";
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
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
        if (version == null) {
            return Optional.empty();
        }
        Path versionDirectory = cacheDirectory.resolve("sqlite-jdbc-" + version);
        Path remembered = versionDirectory.resolve(PLATFORM_FILE_PREFIX + javaPlatform());
        Optional<String> known = rememberedFolder(remembered);
        String folder = known.orElseGet(OSInfo::getNativeLibFolderPathForCurrentOS);
        if (known.isEmpty() && !hasLibrary(folder)) { // a remembered folder was checked as it was read
            return Optional.empty();
        }
        Path directory = versionDirectory.resolve(folder.replace('/', '-'));
        Path library = directory.resolve(libraryName());
        if (!Files.isRegularFile(library)) {
            KftrayHome.createOwnerOnly(cacheDirectory);
            KftrayHome.createOwnerOnly(versionDirectory);
            KftrayHome.createOwnerOnly(directory);
            extract(resource(folder), library);
        }
        if (known.isEmpty()) {
            remember(remembered, folder);
        }
        return Optional.of(library);
    }

    private static String libraryName() {
        return System.mapLibraryName("sqlitejdbc").replace(".jnilib", ".dylib");
    }

    private static String resource(String folder) {
        return "/org/sqlite/native/" + folder + "/" + libraryName();
    }

    /** @return whether the driver carries a library for this folder */
    private static boolean hasLibrary(String folder) {
        return NativeLibraryCache.class.getResource(resource(folder)) != null;
    }

    /** The operating system and architecture as Java names them, fit for a file name. */
    private static String javaPlatform() {
        return (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param remembered the file that holds the driver's folder name for this platform
     * @return that folder name (such as {@code Linux-x86_64}) if it is well-formed and names one of the driver's
     *         libraries. The driver finds it by running {@code uname -o} (to tell Android from other Linux), a
     *         process start on the path of every start of kftray; the folder it found is kept next to the copy.
     */
    private static Optional<String> rememberedFolder(Path remembered) {
        try {
            String folder = Files.readString(remembered).strip();
            return FOLDER.matcher(folder).matches() && hasLibrary(folder) ? Optional.of(folder) : Optional.empty();
        } catch (IOException | RuntimeException absentOrUnreadable) {
            return Optional.empty();
        }
    }

    /** Best effort: without the file the next start asks the driver again. */
    private static void remember(Path remembered, String folder) {
        try {
            Path partial = Files.createTempFile(remembered.getParent(), remembered.getFileName().toString(), ".part");
            Files.writeString(partial, folder);
            Files.move(partial, remembered, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.debug("the sqlite library's platform is not remembered: {}", e.toString());
        }
    }

    private static void extract(String resource, Path library) throws IOException {
        Path directory = library.getParent();
        String name = library.getFileName().toString();
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
