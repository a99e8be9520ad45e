package app.kftray.itests.socks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end, its output captured in files (so no reader threads outlive it).
 *
 * @param exit   exit code
 * @param out    standard output
 * @param err    standard error
 * @param millis wall time
 */
public record CommandResult(int exit, String out, String err, long millis) {
    /**
     * @param dir     where the output files go
     * @param env     variables added to the environment
     * @param timeout longest run; a command still running then is killed and fails the test
     * @param command the program and its arguments
     * @return what it printed and how it ended
     */
    static CommandResult run(Path dir, Map<String, String> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
    }

    /** @return both streams, for assertion messages */
    public String text() {
        return "exit " + exit + "\n" + out + err;
    }
}
