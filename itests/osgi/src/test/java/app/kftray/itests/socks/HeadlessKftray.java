package app.kftray.itests.socks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code kftray --headless} of the distribution run as a process with its own kftray home and
 * deploy directory, its log written to a file the test reads; plus the one-shot commands
 * ({@code import}, {@code status}) against the same home.
 */
public final class HeadlessKftray implements AutoCloseable {
    private static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path log;

    private HeadlessKftray(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param home      the kftray home (database, state)
     * @param deployDir the directory hot-installed bundles are dropped into
     * @return the running process
     */
    public static HeadlessKftray launch(Path home, Path deployDir) throws IOException {
        return launch(home, deployDir, List.of(), "--headless");
    }

    /**
     * @param home      the kftray home (database, state)
     * @param deployDir the directory hot-installed bundles are dropped into
     * @param options   the runtime's options instead of {@code --headless}, e.g. {@code --feature base}
     * @return the running process
     */
    public static HeadlessKftray launch(Path home, Path deployDir, String... options) throws IOException {
        return launch(home, deployDir, List.of(), options);
    }

    /**
     * @param home      the kftray home (database, state)
     * @param deployDir the directory hot-installed bundles are dropped into
     * @param wrapper   what runs it, e.g. {@code ip netns exec NS}; empty for nothing
     * @return the running process
     */
    public static HeadlessKftray launch(Path home, Path deployDir, List<String> wrapper) throws IOException {
        return launch(home, deployDir, wrapper, "--headless");
    }

    /**
     * @param home        the kftray home (database, state)
     * @param deployDir   the directory hot-installed bundles are dropped into
     * @param environment variables to add, e.g. {@code HTTPS_PROXY}
     * @return the running process
     */
    public static HeadlessKftray launch(Path home, Path deployDir, Map<String, String> environment) throws IOException {
        return launch(home, deployDir, List.of(), environment, "--headless");
    }

    private static HeadlessKftray launch(Path home, Path deployDir, List<String> wrapper, String... options)
            throws IOException {
        return launch(home, deployDir, wrapper, Map.of(), options);
    }

    private static HeadlessKftray launch(Path home, Path deployDir, List<String> wrapper,
            Map<String, String> environment, String... options) throws IOException {
        Path log = home.resolve("headless.log");
        List<String> command = new ArrayList<>(wrapper);
        command.add(script().toString());
        command.addAll(List.of(options));
        command.addAll(List.of("--deploy-dir", deployDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment(home));
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(environment);
        return new HeadlessKftray(builder.start(), log);
    }

    /**
     * Runs a one-shot command, e.g. {@code status -o json}.
     *
     * @param home the kftray home
     * @param args the command line after {@code kftray}
     * @return how it ended
     */
    public static CommandResult oneShot(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(args));
        return CommandResult.run(home, environment(home), ONE_SHOT_TIMEOUT, command);
    }

    /**
     * @param fragment what the line contains
     * @param timeout  how long to wait
     * @return the first log line containing {@code fragment}
     */
    public String awaitLine(String fragment, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no line containing '" + fragment + "' within " + timeout + "; log:\n" + log());
    }

    /** @return the whole log so far */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Sends SIGTERM (what {@link Process#destroy()} does on Unix), as systemd or kill(1) would.
     *
     * @param timeout how long the process may take to stop
     * @return its exit code
     */
    public int terminate(Duration timeout) throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("kftray did not stop within " + timeout + " of SIGTERM; log:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * Sends a signal to the process, e.g. {@code STOP} and {@code CONT} to freeze and resume it as a
     * sleeping laptop would.
     *
     * @param name the signal's name without {@code SIG}
     */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path script() {
        return Path.of(System.getProperty("kftray.dist"), "bin", "kftray");
    }

    private static Map<String, String> environment(Path home) {
        return Map.of("KFTRAY_HOME", home.toString());
    }
}
