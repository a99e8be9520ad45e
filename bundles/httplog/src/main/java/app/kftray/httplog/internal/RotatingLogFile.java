package app.kftray.httplog.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * An append-only log file that is renamed to {@code <base>-<UTC time>-<n>.<ext>} when it would grow
 * past its size limit; rotated files beyond the count limit or older than the age limit are deleted.
 */
final class RotatingLogFile implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String base;
    private final String extension;
    private final long maxBytes;
    private final int maxRotated;
    private final Duration maxAge;
    private OutputStream out;
    private long size;

    RotatingLogFile(Path dir, String base, String extension, long maxBytes, int maxRotated, Duration maxAge) {
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
        if (out == null) {
            open();
        }
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(bytes, offset, length);
        size += length;
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
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
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 64 * 1024);
        prune();
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
        Instant oldest = Instant.now().minus(maxAge);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean tooMany = files.size() - i > maxRotated;
            if (tooMany || Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                Files.deleteIfExists(file);
            }
        }
    }
}
