package app.kftray.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends a reproducible pseudo-random byte stream through a connection to an echo server (directly or via a
 * port-forward) while reading the echo, and checks every byte came back in order. Returns the elapsed time,
 * so benchmarks measure with it too.
 */
public final class EchoProbe {
    /** A prime length, so a misplaced chunk cannot line up with the pattern by accident. */
    private static final int PATTERN_LENGTH = 1_048_573;
    private static final byte[] PATTERN = pattern();
    private static final int CHUNK = 64 << 10;

    private EchoProbe() {
    }

    /** What one round trip did. */
    public record Result(long bytes, long nanos) {
        public double mibPerSecond() {
            return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
        }
    }

    /**
     * Connects, writes {@code bytes} (starting at pattern offset {@code seed}) while reading them back, and
     * closes. Throws if the echo differs, ends early, or stalls for {@code idleTimeout}.
     */
    public static Result roundTrip(InetSocketAddress address, long bytes, int seed, Duration idleTimeout)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) idleTimeout.toMillis());
            socket.setSoTimeout((int) idleTimeout.toMillis());
            long start = System.nanoTime();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(socket, bytes, seed),
                    runnable -> {
                        Thread t = new Thread(runnable, "echo-probe-writer");
                        t.setDaemon(true);
                        t.start();
                    });
            verify(socket.getInputStream(), bytes, seed);
            long nanos = System.nanoTime() - start;
            join(writer);
            return new Result(bytes, nanos);
        }
    }

    private static void write(Socket socket, long bytes, int seed) {
        try {
            OutputStream out = socket.getOutputStream();
            long offset = 0;
            while (offset < bytes) {
                int start = (int) ((offset + seed) % PATTERN_LENGTH);
                int n = (int) Math.min(Math.min(CHUNK, bytes - offset), PATTERN_LENGTH - start);
                out.write(PATTERN, start, n);
                offset += n;
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing the echo stream failed", e);
        }
    }

    private static void verify(InputStream in, long bytes, int seed) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long offset = 0;
        while (offset < bytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - offset));
            if (n < 0) {
                throw new IOException("echo ended after " + offset + " of " + bytes + " bytes");
            }
            // compared a run at a time (up to where the pattern wraps), so the check costs little CPU next to
            // the forwarding it measures
            for (int i = 0; i < n; ) {
                int at = (int) ((offset + i + seed) % PATTERN_LENGTH);
                int run = Math.min(n - i, PATTERN_LENGTH - at);
                int differs = Arrays.mismatch(buffer, i, i + run, PATTERN, at, at + run);
                if (differs >= 0) {
                    throw new IOException("echo differs at byte " + (offset + i + differs));
                }
                i += run;
            }
            offset += n;
        }
    }

    private static void join(CompletableFuture<Void> writer) throws IOException {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static byte[] pattern() {
        byte[] bytes = new byte[PATTERN_LENGTH];
        new Random(20260101L).nextBytes(bytes);
        return bytes;
    }
}
