package app.kftray.itests.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's {@code kftray} script as a user runs it. */
class LauncherProcessIT {
    private static final Pattern STARTED = Pattern.compile(
            "started \\(headless\\): (\\d+) of (\\d+) bundles active, (\\d+) components satisfied in (\\d+) ms "
                    + "\\((\\d+) ms since JVM start\\)");

    @TempDir
    Path home;

    @Test
    void headlessRuntimeStartsAndStopsCleanlyOnSigterm() throws Exception {
        Process process = launch("--headless");
        BlockingQueue<String> lines = follow(process);
        String started = awaitLine(lines, "started (headless)", 60);
        Matcher m = STARTED.matcher(started);
        assertTrue(m.find(), started);
        assertEquals(m.group(1), m.group(2), "every installed bundle is active: " + started);
        assertTrue(Integer.parseInt(m.group(3)) >= 1, "kftray components satisfied: " + started);
        System.out.println("startup: " + m.group(4) + " ms in the runtime, " + m.group(5) + " ms since JVM start");

        long signalled = System.nanoTime();
        // as systemd or kill(1) would; Process.destroy() would also close our end of its output
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(2, TimeUnit.SECONDS), "stopped within 2 s of SIGTERM");
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        System.out.println("stop after SIGTERM: " + stopMillis + " ms");
        awaitLine(lines, "kftray stopped in", 1);
        assertTrue(Files.isDirectory(home.resolve("kftray/bundles")), "default deploy directory created");
    }

    @Test
    void unknownFeatureIsAOneLineErrorWithExitCode2() throws Exception {
        Result result = runToEnd("--feature", "desk");
        assertEquals(2, result.exit());
        assertEquals(1, result.lines().size(), result.lines().toString());
        assertTrue(result.lines().get(0).matches("kftray: unknown feature 'desk'; available: base, .*headless.*"),
                result.lines().toString());
    }

    @Test
    void missingDeployDirectoryIsAOneLineErrorWithExitCode2() throws Exception {
        Path missing = home.resolve("no-such-dir");
        Result result = runToEnd("--headless", "--deploy-dir", missing.toString());
        assertEquals(2, result.exit());
        assertEquals(List.of("kftray: deploy directory " + missing + " does not exist"), result.lines());
    }

    @Test
    void versionPrintsAndExits() throws Exception {
        Result result = runToEnd("--version");
        assertEquals(0, result.exit());
        assertTrue(result.lines().get(0).matches("kftray \\d+\\.\\d+\\.\\d+.*"), result.lines().toString());
    }

    private record Result(int exit, List<String> lines) {
    }

    private Result runToEnd(String... args) throws Exception {
        Process process = launch(args);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output.lines().toList());
    }

    private Process launch(String... args) throws IOException {
        Path script = Path.of(System.getProperty("kftray.dist"), "bin", "kftray");
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(script.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("KFTRAY_HOME", home.resolve("kftray").toString());
        builder.environment().remove("DISPLAY");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static BlockingQueue<String> follow(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // process ended
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line containing '" + fragment + "' within " + seconds + " s; output:\n" + seen);
    }
}
