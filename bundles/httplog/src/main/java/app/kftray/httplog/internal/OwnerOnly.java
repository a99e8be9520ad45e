package app.kftray.httplog.internal;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates log files (0600, in directories made by {@link KftrayHome#createOwnerOnly}) only their
 * owner can read: logs may hold private data.
 */
final class OwnerOnly {
    private OwnerOnly() {
    }

    static void createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        KftrayHome.createOwnerOnly(file.toAbsolutePath().getParent());
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process made it meanwhile
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
