package app.kftray.httplog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes HTTP log files past their forward's retention time (unless it turned automatic cleanup
 * off), then the oldest files until all logs together fit the total size cap, in every forward's
 * directory: logs of deleted forwards go too. A directory left empty is removed.
 */
final class LogSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(LogSweeper.class);

    private final Path root;
    private final LogPolicy policy;

    LogSweeper(Path root, LogPolicy policy) {
        this.root = root;
        this.policy = policy;
    }

    /** A log file and what the sweep needs to know of it. */
    private record LogFile(Path path, String forward, Instant modified, long size) {
    }

    /** @return the number of files deleted */
    int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<LogFile> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> forwards = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : forwards) {
                dirs.add(dir);
                collect(dir, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing(LogFile::modified));
        Instant now = Instant.now();
        long total = files.stream().mapToLong(LogFile::size).sum();
        int deleted = 0;
        for (LogFile file : files) {
            boolean expired = policy.autoCleanup(file.forward())
                    && file.modified().isBefore(now.minus(policy.retention(file.forward())));
            if (!expired && total <= policy.totalCap()) {
                continue;
            }
            if (delete(file.path())) {
                deleted++;
                total -= file.size();
            }
        }
        dirs.forEach(LogSweeper::removeIfEmpty);
        if (deleted > 0) {
            LOG.info("Deleted {} HTTP log files past their retention time or over the {} MiB cap", deleted,
                    policy.totalCap() / (1024 * 1024));
        }
        return deleted;
    }

    private static void collect(Path dir, List<LogFile> into) throws IOException {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, LogLocations.JSON_BASE + "*")) {
            for (Path file : logs) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        into.add(new LogFile(file, dir.getFileName().toString(),
                                attributes.lastModifiedTime().toInstant(), attributes.size()));
                    }
                } catch (NoSuchFileException gone) {
                    // rotated or deleted meanwhile
                }
            }
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the old HTTP log {}: {}", file, e.toString());
            return false;
        }
    }

    private static void removeIfEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmptyAnyMore) {
            // a forward started writing into it meanwhile
        }
    }
}
