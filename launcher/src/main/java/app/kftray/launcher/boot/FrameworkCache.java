package app.kftray.launcher.boot;

import app.kftray.api.KftrayHome;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Felix keeps installed bundles. A persistent per-user cache
 * ({@code <home>/cache/felix-<features>}) is reused between runs, so the jars the bundles embed
 * are not copied and extracted again on every start; a file lock keeps two live processes out
 * of one cache, and the second one falls back to a temporary cache that is deleted on close.
 */
final class FrameworkCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkCache.class);

    private final Path directory;
    /** Held on the persistent cache's lock file (its channel closes with it); null for a temporary cache. */
    private final FileLock lock;

    private FrameworkCache(Path directory, FileLock lock) {
        this.directory = directory;
        this.lock = lock;
    }

    /**
     * @param home   the kftray home
     * @param key    names the feature set; one cache per set
     * @param needed bytes a new cache takes
     * @return the persistent cache if no live process holds it and the home has room for it (a new cache
     *         on a small or nearly full disk would leave none for the database and logs), otherwise a fresh
     *         temporary one
     */
    static FrameworkCache open(KftrayHome home, String key, long needed) {
        Path directory = home.cache().resolve("felix-" + key.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            long free = Files.getFileStore(home.directory()).getUsableSpace();
            if (!Files.isDirectory(directory) && free < needed) {
                LOG.info("the kftray home has {} MiB free, too little for a framework cache of {} MiB; using a "
                        + "temporary one outside it", free >> 20, needed >> 20);
                return temporary();
            }
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return new FrameworkCache(directory, lock);
            }
            channel.close();
            LOG.debug("framework cache {} is in use by another kftray process; using a temporary one", directory);
        } catch (IOException e) {
            LOG.debug("framework cache {} unusable ({}); using a temporary one", directory, e.getMessage());
        }
        return temporary();
    }

    /** @return a cache that lives as long as this process's runtime */
    static FrameworkCache temporary() {
        try {
            return new FrameworkCache(Files.createTempDirectory("kftray-felix-"), null);
        } catch (IOException e) {
            throw new LauncherException("cannot create the framework cache directory: " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another runtime in this JVM
        }
    }

    /** @return the directory Felix stores bundles in */
    Path directory() {
        return directory;
    }

    /** @return whether the cache survives this process (and may hold bundles from an earlier run) */
    boolean persistent() {
        return lock != null;
    }

    /** Empties the cache, for a cache Felix cannot read (a different Felix version wrote it). */
    void wipe() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cache {} not emptied: {}", directory, e.getMessage());
        }
    }

    /** Releases the lock of a persistent cache, or deletes a temporary one. */
    @Override
    public void close() {
        if (persistent()) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                LOG.debug("cache lock not released: {}", e.getMessage());
            }
        } else {
            wipe();
            directory.toFile().delete();
        }
    }
}
