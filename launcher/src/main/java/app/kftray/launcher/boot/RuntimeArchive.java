package app.kftray.launcher.boot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the class data sharing archive of runtimes while this one runs. The launcher script asks for
 * it (system property {@value #PROPERTY}, with the JVM started to record) when {@code KFTRAY_CDS=runtime}
 * and there is none yet; later
 * starts map it and load the framework's, the bundles' and the Kubernetes client's classes from it,
 * which brings their forwards up about a quarter sooner. It is written once the forwards have settled,
 * so that their classes are in it, and before a stop, which stays quick; into a temporary file renamed
 * into place when complete, so that a process killed meanwhile leaves no half archive for the next start.
 * The JVM pauses while it writes (seconds on a busy machine), once.
 * Not on a disk with less than {@value #ROOM_MIB} MiB free: the JVM ends if it cannot write the archive.
 */
public final class RuntimeArchive {
    /** The archive to record, set by the launcher script. */
    static final String PROPERTY = "kftray.cds.archive";
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeArchive.class);
    private static final long ROOM_MIB = 256;
    /**
     * Not before the auto-start forwards began starting; the build's recording, which has no forwards, waits
     * longer ({@value #EARLIEST_PROPERTY}, milliseconds) for the Kubernetes client's classes.
     */
    static final String EARLIEST_PROPERTY = "kftray.cds.earliest";
    private static final Duration EARLIEST = Duration.ofMillis(Long.getLong(EARLIEST_PROPERTY, 2000));
    /**
     * Not later, even with forwards still starting: a runtime stopped soon after its start should leave an archive
     * too. The build's recording waits longer ({@value #LATEST_PROPERTY}, milliseconds) for its forward.
     */
    static final String LATEST_PROPERTY = "kftray.cds.latest";
    private static final Duration LATEST = Duration.ofMillis(Long.getLong(LATEST_PROPERTY, 10_000));
    private static final long POLL_MILLIS = 200;

    private RuntimeArchive() {
    }

    /**
     * Records the archive in the background if the launcher asked for one.
     *
     * @param settled whether no forward is starting
     */
    public static void recordWhenSettled(BooleanSupplier settled) {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                awaitSettled(settled);
                record(Path.of(archive));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kftray-class-archive");
        thread.setDaemon(true);
        thread.start();
    }

    private static void awaitSettled(BooleanSupplier settled) throws InterruptedException {
        Thread.sleep(EARLIEST.toMillis());
        long deadline = System.nanoTime() + Math.max(0, LATEST.minus(EARLIEST).toNanos());
        while (System.nanoTime() < deadline && !settled.getAsBoolean()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * @param archive where the archive goes
     * @return whether it was written
     */
    static boolean record(Path archive) {
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        long begin = System.nanoTime();
        try {
            if (Files.exists(archive) || Files.getFileStore(archive.getParent()).getUsableSpace() < ROOM_MIB << 20) {
                return false;
            }
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", partial.toString()}},
                    new String[] {String[].class.getName()});
            if (!Files.isRegularFile(partial)) {
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("class data sharing archive for later starts written in {} ms",
                    Duration.ofNanos(System.nanoTime() - begin).toMillis());
            return true;
        } catch (IOException | JMException | RuntimeException e) {
            // a JVM that cannot record (started without it, or without the management module) starts as before
            LOG.debug("no class data sharing archive recorded: {}", e.toString());
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("{} not removed: {}", partial, e.getMessage());
            }
        }
    }
}
