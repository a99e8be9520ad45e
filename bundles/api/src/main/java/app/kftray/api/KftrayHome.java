package app.kftray.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The per-user kftray directory and the files and directories in it. Every kftray process
 * finds it by the same rule: the {@value #PROPERTY} property, else the
 * {@value #ENVIRONMENT_VARIABLE} environment variable, else {@code .kftray} in the user's home
 * directory. Everything in it is private to its owner (see {@link #createOwnerOnly(Path)}).
 */
public final class KftrayHome {
    /** System or framework property naming the kftray home. */
    public static final String PROPERTY = "kftray.home";
    /** Environment variable naming the kftray home when {@value #PROPERTY} is not set. */
    public static final String ENVIRONMENT_VARIABLE = "KFTRAY_HOME";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;

    private KftrayHome(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /**
     * Works out the home: {@value #PROPERTY} if it is set and not blank, else
     * {@value #ENVIRONMENT_VARIABLE} if it is set and not blank, else {@code <user.home>/.kftray}.
     *
     * @param properties  looks up a property by name ({@code null} when unset); in a bundle
     *                    {@code bundleContext::getProperty}, which falls back to the system properties
     * @param environment the process environment
     * @return the home, as an absolute path (nothing is created)
     */
    public static KftrayHome resolve(UnaryOperator<String> properties, Map<String, String> environment) {
        String property = properties.apply(PROPERTY);
        if (isSet(property)) {
            return of(Path.of(property.trim()));
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if (isSet(variable)) {
            return of(Path.of(variable.trim()));
        }
        String userHome = Objects.requireNonNull(properties.apply("user.home"), "the user.home property is not set");
        return of(Path.of(userHome, ".kftray"));
    }

    /**
     * @return the home of this process, from the system properties and the environment
     * @see #resolve(UnaryOperator, Map)
     */
    public static KftrayHome current() {
        return resolve(System::getProperty, System.getenv());
    }

    /**
     * @param directory the home directory (made absolute; nothing is created)
     * @return the home in that directory
     */
    public static KftrayHome of(Path directory) {
        return new KftrayHome(directory);
    }

    /** @return the home directory itself, absolute */
    public Path directory() {
        return directory;
    }

    /** @return the SQLite database of forward definitions and runtime state */
    public Path database() {
        return directory.resolve("kftray.db");
    }

    /** @return the directory of the HTTP logs, one sub-directory per forward */
    public Path httpLogs() {
        return directory.resolve("http_logs");
    }

    /** @return the deploy directory, whose bundles are installed while the runtime is live */
    public Path deployDirectory() {
        return directory.resolve("bundles");
    }

    /** @return the directory of caches that can be rebuilt (framework cache, native libraries, archives) */
    public Path cache() {
        return directory.resolve("cache");
    }

    /**
     * Creates a directory and its missing parents readable by their owner only ({@code rwx------}
     * where the file system has POSIX permissions; elsewhere its default applies). An existing
     * directory is left as it is.
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws IOException if it cannot be created
     */
    public static Path createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have removed bits
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KftrayHome home && directory.equals(home.directory);
    }

    @Override
    public int hashCode() {
        return directory.hashCode();
    }

    @Override
    public String toString() {
        return "KftrayHome[directory=" + directory + "]";
    }
}
