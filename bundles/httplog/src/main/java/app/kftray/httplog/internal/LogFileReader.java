package app.kftray.httplog.internal;

import app.kftray.api.HttpLogReader;
import app.kftray.api.KftrayException;
import app.kftray.api.KftrayHome;
import app.kftray.api.model.HttpExchangeRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the JSON-lines HTTP logs from the files, so any kftray process can show them. */
@Component(service = HttpLogReader.class)
public final class LogFileReader implements HttpLogReader {
    private static final Logger LOG = LoggerFactory.getLogger(LogFileReader.class);

    private final Path root;
    private final Duration pollInterval;
    private final ObjectReader json = LogJson.mapper().readerFor(HttpExchangeRecord.class);
    private final ScheduledExecutorService followers;

    /**
     * Reads the logs of this process's kftray home.
     *
     * @param context the bundle context (the kftray home)
     */
    @Activate
    public LogFileReader(BundleContext context) {
        this(KftrayHome.resolve(context::getProperty, System.getenv()).httpLogs(), Duration.ofMillis(250));
    }

    LogFileReader(Path root, Duration pollInterval) {
        this.root = root;
        this.pollInterval = pollInterval;
        this.followers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kftray-httplog-follow");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<String> forwards() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (!files(dir).isEmpty()) {
                    names.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new KftrayException("Cannot list the HTTP logs in " + root + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public List<HttpExchangeRecord> list(String forward, Filter filter, int limit) {
        requirePositive(limit);
        List<HttpExchangeRecord> found = new ArrayList<>();
        scan(forward, filter, entry -> {
            found.add(entry);
            return found.size() < limit;
        });
        return found;
    }

    @Override
    public List<HttpExchangeRecord> tail(String forward, Filter filter, int count) {
        requirePositive(count);
        ArrayDeque<HttpExchangeRecord> newest = new ArrayDeque<>(count);
        scan(forward, filter, entry -> {
            if (newest.size() == count) {
                newest.pollFirst();
            }
            newest.addLast(entry);
            return true;
        });
        return new ArrayList<>(newest);
    }

    @Override
    public AutoCloseable follow(String forward, Filter filter, Consumer<HttpExchangeRecord> consumer) {
        Path current = directory(forward).resolve(LogLocations.JSON_BASE + "." + LogLocations.JSON_EXTENSION);
        LogFollower follower;
        try {
            follower = new LogFollower(directory(forward), LogLocations.JSON_BASE, LogLocations.JSON_EXTENSION,
                    line -> parse(line, current).filter(filter::matches).ifPresent(consumer),
                    change -> Optional.of(changeNotice(forward, change)).filter(filter::matches).ifPresent(consumer));
        } catch (IOException e) {
            throw new KftrayException("Cannot follow the HTTP log " + current + ": " + e.getMessage(), e);
        }
        ScheduledFuture<?> task = followers.scheduleWithFixedDelay(() -> {
            try {
                follower.poll();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Following the HTTP log {} failed: {}", current, e.toString());
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            task.cancel(false);
            followers.execute(() -> {
                try {
                    follower.close();
                } catch (IOException ignored) {
                    // nothing was being written through it
                }
            });
        };
    }

    /** Stops every follower. */
    @Deactivate
    void deactivate() {
        followers.shutdownNow();
    }

    /**
     * Feeds matching entries, oldest first, to {@code sink} until it returns false. A bad byte or a torn
     * line costs that line only: bytes that are not UTF-8 are read as replacement characters, and a line
     * that is not an entry is skipped.
     */
    private void scan(String forward, Filter filter, Predicate<HttpExchangeRecord> sink) {
        for (Path file : files(directory(forward))) {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Optional<HttpExchangeRecord> entry = parse(line, file).filter(filter::matches);
                    if (entry.isPresent() && !sink.test(entry.get())) {
                        return;
                    }
                }
            } catch (NoSuchFileException deletedMeanwhile) {
                // rotated away past the count limit or the retention time while listed
            } catch (IOException e) {
                throw new KftrayException("Cannot read the HTTP log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private Optional<HttpExchangeRecord> parse(String line, Path file) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(line));
        } catch (JsonProcessingException e) {
            LOG.warn("Skipping an unreadable line of the HTTP log {}: {}", file, e.getOriginalMessage());
            // a notice in its place, so a reader can tell the log is damaged rather than short
            return Optional.of(new HttpExchangeRecord(HttpExchangeRecord.Kind.NOTICE,
                    "unreadable-" + Integer.toHexString(line.hashCode()),
                    file.getParent().getFileName().toString(), null, 0, null, null, null, null, null, 0, null, null,
                    List.of("unreadable line of " + file.getFileName() + " skipped: " + e.getOriginalMessage())));
        }
    }

    /** A notice telling a follower's consumer that the file it follows was rotated or truncated. */
    private static HttpExchangeRecord changeNotice(String forward, LogFollower.Change change) {
        java.time.Instant now = java.time.Instant.now();
        String note = change == LogFollower.Change.ROTATED
                ? "log file rotated: following the new file from its start"
                : "log file truncated: reading it again from its start";
        return new HttpExchangeRecord(HttpExchangeRecord.Kind.NOTICE,
                change.name().toLowerCase(java.util.Locale.ROOT) + "-" + now.toEpochMilli() + "-" + System.nanoTime(),
                LogLocations.safeName(forward), null, 0, null, null, now, null, null, 0, null, null, List.of(note));
    }

    private Path directory(String forward) {
        return root.resolve(LogLocations.safeName(forward));
    }

    /** @return rotated files oldest first, then the current one */
    private static List<Path> files(Path dir) {
        try {
            List<Path> files = RotatingLogFile.rotated(dir, LogLocations.JSON_BASE, LogLocations.JSON_EXTENSION);
            Path current = dir.resolve(LogLocations.JSON_BASE + "." + LogLocations.JSON_EXTENSION);
            if (Files.exists(current)) {
                files.add(current);
            }
            return files;
        } catch (IOException e) {
            throw new KftrayException("Cannot list the HTTP log files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void requirePositive(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("the number of entries must be positive, got " + value);
        }
    }
}
