package app.kftray.emulator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code kubectl} against a kubeconfig, isolated from the user's own setup: HOME and the
 * discovery cache point into a private directory, so every run starts cold and leaves nothing behind.
 */
public final class Kubectl {
    /** The oldest kubectl whose port-forward speaks the WebSocket-tunnelled SPDY protocol by default. */
    public static final int MIN_MINOR = 32;
    private static final Pattern MINOR = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)");

    private final Path binary;
    private final Path kubeconfig;
    private final Path home;

    public Kubectl(Path binary, Path kubeconfig, Path home) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** What a finished kubectl run printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The stdout, or an exception carrying everything kubectl said. */
        public String requireSuccess() {
            if (exitCode != 0) {
                throw new IllegalStateException("kubectl exited " + exitCode + ": " + stderr + stdout);
            }
            return stdout;
        }
    }

    /**
     * Finds kubectl on PATH and checks it is v1.32 or newer; fails with a message saying what is needed
     * (tests must not silently skip without it).
     */
    public static Path locate() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                checkVersion(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("kubectl v1." + MIN_MINOR + "+ is needed on PATH for these tests, "
                + "and none was found (PATH=" + path + ")");
    }

    private static void checkVersion(Path candidate) {
        try {
            Process p = new ProcessBuilder(candidate.toString(), "version", "--client", "-o", "json")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = MINOR.matcher(out);
            if (!m.find() || Integer.parseInt(m.group(1)) < MIN_MINOR) {
                throw new IllegalStateException("kubectl v1." + MIN_MINOR + "+ is needed, " + candidate
                        + " reports: " + out.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + candidate, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted checking kubectl", e);
        }
    }

    /** Runs kubectl to completion (killing it after {@code timeout}). */
    public Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Process process = start(Map.of(), args);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("kubectl " + String.join(" ", args) + " did not finish within " + timeout
                    + "; stderr: " + err.join());
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Starts kubectl with {@code --kubeconfig} and the isolated HOME; {@code env} adds variables. */
    public Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig");
        command.add(kubeconfig.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("KUBECACHEDIR", home.resolve(".kube/cache").toString());
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * Starts {@code kubectl port-forward TARGET :REMOTE} on 127.0.0.1 and waits until it listens. With
     * {@code webSockets} false it sets {@code KUBECTL_PORT_FORWARD_WEBSOCKETS=false} (plain SPDY).
     */
    public KubectlPortForward portForward(String target, int remotePort, boolean webSockets, Duration timeout)
            throws IOException, InterruptedException {
        Map<String, String> env = webSockets ? Map.of() : Map.of("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
        Process process = start(env, "port-forward", "--address", "127.0.0.1", target, ":" + remotePort);
        return KubectlPortForward.await(process, timeout);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }
}
