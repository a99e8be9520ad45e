package app.kftray.itests.forward;

import app.kftray.emulator.EchoProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Local clients of a forward: the real curl binary, and verified echo round trips. */
final class Clients {
    private static final Duration IDLE = Duration.ofSeconds(10);

    private Clients() {
    }

    /** What curl printed and how it ended. */
    record CurlResult(int exitCode, String body, String stderr) {
    }

    /**
     * Runs {@code curl -sS} on a URL.
     *
     * @param url what to fetch
     * @return the body and exit code
     */
    static CurlResult curl(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", url).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(curl.getErrorStream()));
        String body = read(curl.getInputStream());
        if (!curl.waitFor(20, TimeUnit.SECONDS)) {
            curl.destroyForcibly().waitFor();
            throw new IOException("curl " + url + " did not finish");
        }
        return new CurlResult(curl.exitValue(), body, err.join());
    }

    /**
     * Sends {@code bytes} through an echo path and checks each one came back in order.
     *
     * @param address the forward's local address
     * @param bytes   how many
     * @param seed    where in the pattern to start, so streams differ
     */
    static void echo(InetSocketAddress address, long bytes, int seed) throws IOException {
        EchoProbe.roundTrip(address, bytes, seed, IDLE);
    }

    /**
     * @param address the forward's local address
     * @return whether a short echo round trip succeeds right now
     */
    static boolean echoes(InetSocketAddress address) {
        try {
            EchoProbe.roundTrip(address, 1024, 7, Duration.ofSeconds(2));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @param socket  a connected socket
     * @param timeout how long to wait
     * @return whether the peer closed it (end of stream or reset) within {@code timeout}, discarding data
     */
    static boolean closedByPeer(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }
}
