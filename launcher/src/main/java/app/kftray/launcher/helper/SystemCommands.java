package app.kftray.launcher.helper;

import app.kftray.launcher.boot.LauncherException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commands an installation on the running system needs: systemctl for the service, and the
 * helper itself to take back its hosts entries before it is removed.
 */
public final class SystemCommands {
    private static final long TIMEOUT_SECONDS = 60;

    private SystemCommands() {
    }

    /** @return whether systemd manages this machine (a container or chroot may have none) */
    public static boolean hasSystemd() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /**
     * @param args systemctl's arguments
     * @return its output
     * @throws LauncherException if it fails
     */
    public static String systemctl(String... args) {
        List<String> command = new ArrayList<>(List.of("systemctl"));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Asks the installed helper to remove its hosts block and the addresses it added.
     *
     * @param java the {@code java} command
     * @return the helper's report
     */
    public static String clearHelper(Path java) {
        return run(List.of(java.toString(), "-jar", HelperFiles.JAR.toString(), "--config", HelperFiles.CONFIG.toString(),
                "--clear"));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LauncherException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new LauncherException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new LauncherException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
