package app.kftray.helper.hosts;

import app.kftray.helper.files.AtomicFiles;
import app.kftray.helper.request.BadRequestException;
import app.kftray.helper.request.HostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * kftray's block of the hosts file. Edits from concurrent requests are queued and applied by
 * one thread in batches: the file is read once, every queued edit applied in order, and the file
 * written once. An edit that is refused leaves the others of its batch alone.
 */
public final class HostsFile implements AutoCloseable {
    /** Most entries one user may keep in the block. */
    public static final int MAX_ENTRIES_PER_USER = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HostsFile.class);

    private final Path file;
    private final BlockingQueue<Edit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    /** One change of the entries; may refuse with {@link BadRequestException}. */
    @FunctionalInterface
    public interface Change<R> {
        /**
         * @param entries the block's entries, to change in place
         * @return the answer for the caller
         * @throws BadRequestException if the change is refused; then it changed nothing
         */
        R apply(List<HostEntry> entries) throws BadRequestException;
    }

    private record Edit<R>(Change<R> change, CompletableFuture<R> result) {
    }

    /** @param file the hosts file, e.g. {@code /etc/hosts} */
    public HostsFile(Path file) {
        this.file = file;
        AtomicFiles.removeLeftovers(file);
        this.writer = new Thread(this::writeLoop, "hosts-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** @return the hosts file this block lives in */
    public Path path() {
        return file;
    }

    /**
     * @param change an edit of the block
     * @return its answer once the file holding it is written; refused edits complete
     *         exceptionally with {@link BadRequestException}, a failed write with {@link IOException}
     */
    public <R> CompletableFuture<R> edit(Change<R> change) {
        CompletableFuture<R> result = new CompletableFuture<>();
        queue.add(new Edit<>(change, result));
        return result;
    }

    /** @return the block's entries as the file holds them now */
    public List<HostEntry> read() throws IOException, MalformedHostsFileException {
        return HostsText.parse(readText()).entries();
    }

    private void writeLoop() {
        List<Edit<?>> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            applyBatch(batch);
            batch.clear();
        }
    }

    private void applyBatch(List<Edit<?>> batch) {
        HostsText text;
        try {
            text = HostsText.parse(readText());
        } catch (IOException | MalformedHostsFileException e) {
            batch.forEach(edit -> edit.result().completeExceptionally(e));
            return;
        }
        List<HostEntry> entries = new ArrayList<>(text.entries());
        List<Runnable> answers = new ArrayList<>();
        for (Edit<?> edit : batch) {
            answers.add(apply(edit, entries));
        }
        try {
            if (!entries.equals(text.entries())) {
                AtomicFiles.replace(file, text.withEntries(entries).render().getBytes(StandardCharsets.ISO_8859_1), "rw-r--r--");
                LOG.info("event=hosts_written entries={} edits={}", entries.size(), batch.size());
            }
        } catch (IOException e) {
            LOG.error("event=hosts_write_failed file={} error=\"{}\"", file, e.getMessage());
            batch.forEach(edit -> edit.result().completeExceptionally(e));
            return;
        }
        answers.forEach(Runnable::run);
    }

    /** Applies one edit to a copy, keeps the copy only if it was accepted; returns how to answer. */
    private static <R> Runnable apply(Edit<R> edit, List<HostEntry> entries) {
        List<HostEntry> copy = new ArrayList<>(entries);
        try {
            R answer = edit.change().apply(copy);
            entries.clear();
            entries.addAll(copy);
            return () -> edit.result().complete(answer);
        } catch (BadRequestException | RuntimeException e) {
            return () -> edit.result().completeExceptionally(e);
        }
    }

    /** Read as ISO-8859-1, which maps every byte to one char and back, so no byte outside the block changes. */
    private String readText() throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    @Override
    public void close() {
        writer.interrupt();
    }
}
