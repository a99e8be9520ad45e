package app.kftray.httplog.internal;

import app.kftray.api.model.HttpExchangeRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each forward's entries to {@code <root>/<forward>/exchanges.jsonl} (one JSON object per line)
 * and {@code exchanges.http} (the human-readable view), both rotated by size.
 */
final class FileExchangeSink implements ExchangeSink {
    private static final Logger LOG = LoggerFactory.getLogger(FileExchangeSink.class);

    private static final Duration FOREVER = Duration.ofDays(365L * 1000);

    private final HttpLogSettings settings;
    private final LogPolicy policy;
    private final JsonLineWriter json = new JsonLineWriter();
    private final StringBuilder view = new StringBuilder(4 * 1024);
    private final Map<String, RotatingLogFile[]> files = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    FileExchangeSink(HttpLogSettings settings, LogPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public void write(HttpExchangeRecord entry) {
        RotatingLogFile[] pair = files.computeIfAbsent(entry.forward(), this::filesOf);
        try {
            JsonLineWriter.LineBuffer line = json.line(entry);
            pair[0].write(line.bytes(), 0, line.length());
            view.setLength(0);
            HttpViewFormatter.format(view, entry, policy.verbosity());
            pair[1].write(view.toString().getBytes(StandardCharsets.UTF_8));
            failing.remove(entry.forward());
        } catch (IOException | RuntimeException e) {
            // one warning per failure spell, not one per entry
            if (failing.add(entry.forward())) {
                LOG.warn("HTTP log of forward {}: cannot write to {}: {}. Entries are lost until it can.",
                        entry.forward(), pair[0].current(), e.toString());
            }
        }
    }

    @Override
    public void flush() {
        eachFile("flush", RotatingLogFile::flush);
    }

    @Override
    public void closeFiles() {
        eachFile("close", RotatingLogFile::close);
        files.clear();
    }

    @Override
    public void close() {
        closeFiles();
    }

    /** An operation on one file. */
    private interface FileAction {
        void apply(RotatingLogFile file) throws IOException;
    }

    private void eachFile(String action, FileAction operation) {
        files.forEach((forward, pair) -> {
            for (RotatingLogFile file : pair) {
                try {
                    operation.apply(file);
                } catch (IOException e) {
                    LOG.warn("HTTP log of forward {}: cannot {} {}: {}", forward, action, file.current(), e.toString());
                }
            }
        });
    }

    private RotatingLogFile[] filesOf(String forward) {
        String name = LogLocations.safeName(forward);
        Path dir = settings.logRoot().resolve(name);
        return new RotatingLogFile[] {
            new RotatingLogFile(dir, LogLocations.JSON_BASE, LogLocations.JSON_EXTENSION,
                    () -> policy.maxFileBytes(name), settings.maxRotatedFiles(), () -> keptFor(name)),
            new RotatingLogFile(dir, LogLocations.JSON_BASE, LogLocations.VIEW_EXTENSION,
                    () -> policy.maxFileBytes(name), settings.maxRotatedFiles(), () -> keptFor(name))
        };
    }

    /** How long rotated files of a forward are kept: forever when it turned automatic cleanup off. */
    private Duration keptFor(String forward) {
        return policy.autoCleanup(forward) ? policy.retention(forward) : FOREVER;
    }
}
