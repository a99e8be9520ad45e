package app.kftray.helper.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content so that a reader, or a crash, sees either the old or the new content:
 * a temporary file beside it, flushed to disk, renamed over it. A file that cannot be replaced
 * (a bind mount, as {@code /etc/hosts} is in containers) is rewritten in place under a lock.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param file        the file to replace (created if missing)
     * @param content     its new content
     * @param permissions the new file's permissions where it did not exist, e.g. {@code rw-------}
     * @throws IOException if neither way could write it
     */
    public static void replace(Path file, byte[] content, String permissions) throws IOException {
        Set<PosixFilePermission> mode = Files.exists(file)
                ? Files.getFileAttributeView(file, PosixFileAttributeView.class).readAttributes().permissions()
                : PosixFilePermissions.fromString(permissions);
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(mode));
        try {
            write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            rewriteInPlace(file, content);
        } catch (FileSystemException e) {
            if (!isBusy(e)) {
                throw e;
            }
            rewriteInPlace(file, content);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Removes temporary files a killed process left beside {@code file}.
     *
     * @param file a file {@link #replace} writes
     */
    public static void removeLeftovers(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "." + file.getFileName() + "*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            // only litter: the next replace works all the same
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAll(channel, content);
            channel.force(true);
        }
    }

    /** A mount point cannot be renamed over: the kernel says EBUSY. */
    private static boolean isBusy(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("busy") || reason.contains("Busy");
    }

    private static void rewriteInPlace(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            writeAll(channel.position(0), content);
            channel.truncate(content.length);
            channel.force(true);
        }
    }

    private static void writeAll(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
