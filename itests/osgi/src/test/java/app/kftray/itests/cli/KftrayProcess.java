package app.kftray.itests.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The distribution's {@code kftray} script run as a process with its own kftray home. */
final class KftrayProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final List<Thread> readers = new ArrayList<>();

    private KftrayProcess(Process process) {
        this.process = process;
        follow(process.getInputStream(), "");
        follow(process.getErrorStream(), "stderr: ");
    }

    /** Result of a command run to its end. */
    record Result(int exit, List<String> out, List<String> err, long millis) {
        String text() {
            return String.join("\n", out) + "\n" + String.join("\n", err);
        }
    }

    static KftrayProcess launch(Path home, String... args) throws IOException {
        return launch(home, Map.of(), args);
    }

    /** @param env further environment variables (e.g. a D-Bus session's address) */
    static KftrayProcess launch(Path home, Map<String, String> env, String... args) throws IOException {
        Path script = Path.of(System.getProperty("kftray.dist"), "bin", "kftray");
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(script.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("KFTRAY_HOME", home.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(env);
        return new KftrayProcess(builder.start());
    }

    static Result run(Path home, String... args) throws Exception {
        return run(home, Map.of(), null, args);
    }

    /**
     * @param env   further environment variables
     * @param stdin what the command reads on standard input, or {@code null} for nothing
     */
    static Result run(Path home, Map<String, String> env, String stdin, String... args) throws Exception {
        try (KftrayProcess p = launch(home, env, args)) {
            if (stdin != null) {
                p.process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.process.getOutputStream().close();
            assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), "kftray " + String.join(" ", args) + " ended");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.startedNanos);
            p.drain();
            List<String> out = new ArrayList<>();
            List<String> err = new ArrayList<>();
            for (String line : p.seen) {
                if (line.startsWith("stderr: ")) {
                    err.add(line.substring("stderr: ".length()));
                } else {
                    out.add(line);
                }
            }
            return new Result(p.process.exitValue(), out, err, millis);
        }
    }

    /** Types a line on the process's terminal (e.g. a command for its Gogo shell). */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    long pid() {
        return process.pid();
    }

    /** @return the first line containing {@code fragment}, waiting up to {@code seconds} */
    String await(String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (seen) {
            for (String line : seen) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        while (System.nanoTime() < deadline) {
            String line = lines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null) {
                synchronized (seen) {
                    seen.add(line);
                }
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line containing '" + fragment + "' within " + seconds + " s; output:\n"
                + String.join("\n", seen));
    }

    /** @return every line printed so far (stderr lines prefixed with {@code "stderr: "}) */
    List<String> lines() throws InterruptedException {
        drain();
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }

    /** @return every line the process printed so far (stderr lines prefixed) */
    String output() {
        synchronized (seen) {
            lines.drainTo(seen);
            return String.join("\n", seen);
        }
    }

    /** Sends SIGTERM, as systemd or kill(1) would, and waits for the exit. */
    int terminate(int seconds) throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "stopped within " + seconds + " s of SIGTERM");
        return process.exitValue();
    }

    private void drain() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(2000); // they end when the streams close
        }
        lines.drainTo(seen);
    }

    private void follow(InputStream stream, String prefix) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> lines.add(prefix + line));
            } catch (IOException | UncheckedIOException ignored) {
                // the process ended
            }
        }, "kftray-output");
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
