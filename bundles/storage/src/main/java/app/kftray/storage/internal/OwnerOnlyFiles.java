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
 * Creates kftray's directory and files readable by their owner only (0700 / 0600 on
 * POSIX file systems; elsewhere the platform default applies).
 */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the directory (and missing parents) 0700; an existing directory is left as it is.
     *
     * @param directory the directory
     * @throws IOException if it cannot be created
     */
    static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (isPosix(directory.getParent())) {
            Files.createDirectories(directory, attribute(DIRECTORY));
            Files.setPosixFilePermissions(directory, DIRECTORY); // the umask may have removed bits
        } else {
            Files.createDirectories(directory);
        }
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
