package app.kftray.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kftray distribution run as users run it: one-shot commands ({@code add}, {@code edit}) and a
 * {@code --headless} runtime, all on one private home directory.
 */
final class KftrayProcess implements AutoCloseable {
    private static final long COMMAND_SECONDS = 60;
    /** USER_HZ, which /proc reports CPU time in; 100 on Linux (getconf CLK_TCK). */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Path script;
    private final Path home;
    private Process headless;

    /**
     * @param dist the launcher's distribution directory (with {@code bin/kftray})
     * @param home the kftray home for every process
     */
    KftrayProcess(Path dist, Path home) {
        this.script = dist.resolve("bin").resolve("kftray");
        this.home = home;
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing: build the launcher distribution first"
                    + " (mvn -pl launcher -am package -DskipTests)");
        }
    }

    /**
     * Runs a one-shot command to its end.
     *
     * @param args its arguments
     * @return what it printed
     * @throws IllegalStateException if it fails
     */
    String command(String... args) throws IOException, InterruptedException {
        return command(Map.of(), args);
    }

    /**
     * Runs a one-shot command to its end with more environment variables.
     *
     * @param environment variables added to kftray's
     * @param args        its arguments
     * @return what it printed
     * @throws IllegalStateException if it fails
     */
    String command(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(args).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("kftray " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** Starts {@code kftray --headless}, which auto-starts the forwards marked for it. */
    void startHeadless(Path logFile) throws IOException {
        headless = builder("--headless").redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    /**
     * @return the process id of the headless runtime's JVM: the script's own, which it execs, or its
     *         child's while it records a class data sharing archive
     */
    long headlessPid() {
        ProcessHandle script = headless.toHandle();
        return isJava(script) ? script.pid()
                : script.children().filter(KftrayProcess::isJava).findFirst().orElse(script).pid();
    }

    /**
     * @return CPU seconds (user and system) the runtime's JVM has used so far: unlike elapsed time, little
     *         changed by other processes competing for the CPU
     */
    double headlessCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(headlessPid()), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces: utime and stime are 12th and 13th
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** @return whether the headless runtime is still running */
    boolean headlessAlive() {
        return headless != null && headless.isAlive();
    }

    /** Stops the headless runtime with SIGTERM, as a service manager does, and waits for it to exit. */
    void stopHeadless() throws InterruptedException {
        if (headless != null) {
            headless.destroy();
            if (!headless.waitFor(15, TimeUnit.SECONDS)) {
                headless.destroyForcibly().waitFor();
            }
            headless = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopHeadless();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KFTRAY_HOME", home.toString());
        return builder;
    }
}
