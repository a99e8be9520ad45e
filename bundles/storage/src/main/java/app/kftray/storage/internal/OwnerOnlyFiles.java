package app.kftray.storage.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates and restricts kftray's files so only their owner can read them (0600 on POSIX file
 * systems; elsewhere the platform default applies). Directories are made owner-only by
 * {@link app.kftray.api.KftrayHome#createOwnerOnly}.
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates an empty file 0600 unless it exists.
     *
     * @param file the file
     * @return whether it was created by this call
     * @throws IOException if it cannot be created
     */
    static boolean createFile(Path file) throws IOException {
        try {
            if (isPosix(file.getParent())) {
                Files.createFile(file, attribute(FILE));
                Files.setPosixFilePermissions(file, FILE);
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException another) {
            return false;
        }
    }

    /**
     * Makes existing files 0600; missing ones are skipped.
     *
     * @param files the files
     * @throws IOException if the permissions cannot be changed
     */
    static void restrict(Path... files) throws IOException {
        for (Path file : files) {
            if (Files.exists(file) && isPosix(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    private static boolean isPosix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
