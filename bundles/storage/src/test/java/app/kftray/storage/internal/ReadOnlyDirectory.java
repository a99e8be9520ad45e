package app.kftray.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory read-only for the test's duration. Mode bits do not stop root, so as
 * root the directory is marked immutable with chattr instead, where the file system allows.
 */
final class ReadOnlyDirectory implements AutoCloseable {
    private final Path directory;
    private final boolean immutable;

    private ReadOnlyDirectory(Path directory, boolean immutable) {
        this.directory = directory;
        this.immutable = immutable;
    }

    /** @return the read-only directory, or empty when this machine cannot make one */
    static Optional<ReadOnlyDirectory> of(Path directory) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(directory)) {
            return Optional.of(new ReadOnlyDirectory(directory, false));
        }
        if (chattr("+i", directory) && !writable(directory)) {
            return Optional.of(new ReadOnlyDirectory(directory, true));
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        return Optional.empty();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            chattr("-i", directory);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean writable(Path directory) {
        try {
            Files.delete(Files.createFile(directory.resolve(".probe")));
            return true;
        } catch (IOException denied) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path directory) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder("chattr", flag, directory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
