package app.kftray.launcher.boot;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The per-user kftray directory: {@code KFTRAY_HOME}, the {@code kftray.home} system
 * property, or {@code ~/.kftray}. Created owner-only.
 */
public final class KftrayHome {
    static final String PROPERTY = "kftray.home";
    static final String ENV = "KFTRAY_HOME";

    private KftrayHome() {
    }

    public static Path resolve() {
        String fromProperty = System.getProperty(PROPERTY);
        String fromEnv = System.getenv(ENV);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".kftray");
    }

    public static Path ensureDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new LauncherException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
