package app.kftray.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running {@code kubectl port-forward}: its local address, its output so far, and a clean stop. */
public final class KubectlPortForward implements AutoCloseable {
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) ->");

    private final Process process;
    private final ConcurrentLinkedQueue<String> output;
    private final List<Thread> readers;
    private final int localPort;

    private KubectlPortForward(Process process, ConcurrentLinkedQueue<String> output, List<Thread> readers,
            int localPort) {
        this.process = process;
        this.output = output;
        this.readers = readers;
        this.localPort = localPort;
    }

    static KubectlPortForward await(Process process, Duration timeout) throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<Thread> readers = List.of(follow(process.getInputStream(), output, port),
                follow(process.getErrorStream(), output, port));
        process.onExit().thenRun(() -> port.completeExceptionally(
                new IOException("kubectl port-forward exited " + process.exitValue() + ": " + String.join("\n", output))));
        try {
            return new KubectlPortForward(process, output, readers,
                    port.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly().waitFor();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IOException("kubectl port-forward did not start within " + timeout + ": "
                    + String.join("\n", output));
        }
    }

    private static Thread follow(InputStream stream, ConcurrentLinkedQueue<String> output,
            CompletableFuture<Integer> port) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    Matcher m = FORWARDING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process went away; what it said is in output
            }
        }, "kubectl-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public int localPort() {
        return localPort;
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort);
    }

    /** @return the kubectl process's id, e.g. to read its CPU time and memory from /proc */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything kubectl printed so far, one line each. */
    public String output() {
        return String.join("\n", output);
    }

    /** Waits for kubectl to exit by itself (e.g. after losing the connection); false on timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        for (Thread reader : readers) {
            reader.join(timeout.toMillis()); // the last lines may still be in the pipe
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
