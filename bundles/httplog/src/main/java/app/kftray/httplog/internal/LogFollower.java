package app.kftray.httplog.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Polls a growing log file for complete new lines. When the file is rotated away (or replaced) it
 * reads the rest of the old file through the still open channel, then every file rotated after it,
 * then continues with the new current file from its start. A file truncated in place is read again
 * from its start. Either is reported, so a reader can tell its user.
 */
final class LogFollower {
    private final Path path;
    private final String base;
    private final String extension;
    private final Consumer<String> lines;
    private final Consumer<Change> changes;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private FileChannel channel;
    private Object fileKey;
    /** Key of the last file read when the current one was missing (mid-rotation); continue after it. */
    private Object resumeAfter;

    /** What happened to the followed file between two polls. */
    enum Change {
        /** Another file took its name (rotation or replacement); the new one is followed from its start. */
        ROTATED,
        /** It shrank in place (truncated); it is read again from its start. */
        TRUNCATED
    }

    /** Starts at the current end of the log, or at its start once it appears. */
    LogFollower(Path dir, String base, String extension, Consumer<String> lines) throws IOException {
        this(dir, base, extension, lines, change -> { });
    }

    /** @param changes told of each rotation or truncation, after the old file's last lines */
    LogFollower(Path dir, String base, String extension, Consumer<String> lines, Consumer<Change> changes)
            throws IOException {
        this.path = dir.resolve(base + "." + extension);
        this.base = base;
        this.extension = extension;
        this.lines = lines;
        this.changes = changes;
        if (Files.exists(path)) {
            openCurrent();
            channel.position(channel.size());
        }
    }

    /** Delivers the complete lines written since the last poll. */
    void poll() throws IOException {
        if (channel == null) {
            if (!Files.exists(path)) {
                return;
            }
            if (resumeAfter != null) {
                switchToCurrent(resumeAfter);
            } else {
                openCurrent();
            }
            if (channel == null) {
                return;
            }
        }
        readAvailable(channel);
        Object currentKey = keyOf(path);
        if (currentKey != null && !Objects.equals(currentKey, fileKey)) {
            // rotated: the old file is complete once renamed; read its last lines before switching
            readAvailable(channel);
            channel.close();
            partial.reset();
            switchToCurrent(fileKey);
            changes.accept(Change.ROTATED);
            if (channel != null) {
                readAvailable(channel);
            }
        } else if (channel.size() < channel.position()) {
            // truncated in place (copy-and-truncate rotation): what is there now is new
            channel.position(0);
            partial.reset();
            changes.accept(Change.TRUNCATED);
            readAvailable(channel);
        }
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Opens the current file after reading every file rotated after {@code lastRead}. The writer may
     * rotate meanwhile, so this repeats until no rotated file is left unread before the current one.
     */
    private void switchToCurrent(Object lastRead) throws IOException {
        while (true) {
            boolean opened = tryOpenCurrent();
            List<Path> unread = rotatedAfter(lastRead);
            if (unread.isEmpty()) {
                resumeAfter = opened ? null : lastRead;
                return;
            }
            if (opened) {
                channel.close();
                channel = null;
            }
            for (Path file : unread) {
                Object key = keyOf(file);
                try (FileChannel rotated = FileChannel.open(file, StandardOpenOption.READ)) {
                    readAvailable(rotated);
                    partial.reset();
                } catch (NoSuchFileException deletedByRetention) {
                    // gone between listing and opening: nothing of it is left to read
                }
                if (key != null) {
                    lastRead = key;
                }
            }
        }
    }

    /** @return rotated files newer than the one with {@code key} (all of them if retention deleted it) */
    private List<Path> rotatedAfter(Object key) throws IOException {
        // a directory listing may miss an entry renamed while it runs: merge two listings
        TreeSet<Path> merged = new TreeSet<>(RotatingLogFile.rotated(path.getParent(), base, extension));
        merged.addAll(RotatingLogFile.rotated(path.getParent(), base, extension));
        List<Path> rotated = new ArrayList<>(merged);
        int last = -1;
        for (int i = 0; i < rotated.size(); i++) {
            if (Objects.equals(keyOf(rotated.get(i)), key)) {
                last = i;
            }
        }
        // the file just opened as current may be among them (rotated meanwhile): it is then read as a
        // rotated file in its turn, since the caller closes it to read what came before it
        return new ArrayList<>(rotated.subList(last + 1, rotated.size()));
    }

    /** @return whether the current file could be opened; it is missing for a moment during rotation */
    private boolean tryOpenCurrent() throws IOException {
        try {
            openCurrent();
            return true;
        } catch (NoSuchFileException midRotation) {
            channel = null;
            fileKey = null;
            return false;
        }
    }

    /** Opens the current file and learns its identity, retrying if it was rotated in between. */
    private void openCurrent() throws IOException {
        while (true) {
            Object before = keyOf(path);
            channel = FileChannel.open(path, StandardOpenOption.READ);
            fileKey = keyOf(path);
            if (fileKey != null && fileKey.equals(before)) {
                return;
            }
            channel.close();
        }
    }

    private void readAvailable(FileChannel from) throws IOException {
        while (true) {
            buffer.clear();
            int read = from.read(buffer);
            if (read <= 0) {
                return;
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    lines.accept(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                } else {
                    partial.write(b);
                }
            }
        }
    }

    private static Object keyOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }
}
