package app.kftray.httplog.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An append-only log file that is renamed to {@code <base>-<UTC time>-<n>.<ext>} when it would grow
 * past its size limit; rotated files beyond the count limit or older than the age limit are deleted.
 * A failed write (a full disk) drops the file's buffer and handle; the next write opens it again,
 * starting on a new line, so a torn line costs only itself.
 */
final class RotatingLogFile implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String base;
    private final String extension;
    private final LongSupplier maxBytes;
    private final int maxRotated;
    private final Supplier<Duration> maxAge;
    private OutputStream raw;
    private OutputStream out;
    private long size;

    /**
     * @param maxBytes   the size limit, read at each write (it may change while the file is in use)
     * @param maxRotated rotated files kept
     * @param maxAge     the age limit of rotated files, read at each rotation
     */
    RotatingLogFile(Path dir, String base, String extension, LongSupplier maxBytes, int maxRotated,
                    Supplier<Duration> maxAge) {
        this.dir = dir;
        this.base = base;
        this.extension = extension;
        this.maxBytes = maxBytes;
        this.maxRotated = maxRotated;
        this.maxAge = maxAge;
    }

    Path current() {
        return dir.resolve(base + "." + extension);
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}, rotating first if they would not fit. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + length > maxBytes.getAsLong()) {
                rotate();
            }
            out.write(bytes, offset, length);
            size += length;
        } catch (IOException e) {
            abandon();
            throw e;
        }
    }

    void flush() throws IOException {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                abandon();
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                abandon();
            }
        }
    }

    /** @return rotated files of this log, oldest first (their names sort by time) */
    static List<Path> rotated(Path dir, String base, String extension) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, base + "-*." + extension)) {
                stream.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }

    private void open() throws IOException {
        Path file = current();
        OwnerOnly.createFile(file);
        size = Files.size(file);
        raw = Files.newOutputStream(file, StandardOpenOption.APPEND);
        out = new BufferedOutputStream(raw, 64 * 1024);
        if (size > 0 && !endsWithNewline(file)) {
            // an earlier write was cut short (full disk, crash): end that torn line
            out.write('\n');
            size++;
        }
        prune();
    }

    /** Forgets buffered bytes and the handle after a failure; the next write starts afresh. */
    private void abandon() {
        OutputStream handle = raw;
        raw = null;
        out = null;
        if (handle != null) {
            try {
                handle.close();
            } catch (IOException ignored) {
                // the failure that led here was reported
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    private void rotate() throws IOException {
        close();
        // a counter after the time keeps names unique and sorting by age within the same millisecond
        String stamp = STAMP.format(Instant.now());
        Path target = dir.resolve(String.format("%s-%s-%03d.%s", base, stamp, 0, extension));
        for (int n = 1; Files.exists(target); n++) {
            target = dir.resolve(String.format("%s-%s-%03d.%s", base, stamp, n, extension));
        }
        Files.move(current(), target);
        open();
    }

    private void prune() throws IOException {
        List<Path> files = rotated(dir, base, extension);
        Instant oldest = Instant.now().minus(maxAge.get());
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean tooMany = files.size() - i > maxRotated;
            if (tooMany || Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                Files.deleteIfExists(file);
            }
        }
    }
}
