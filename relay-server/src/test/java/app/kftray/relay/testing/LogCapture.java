package app.kftray.relay.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Copies everything written to {@code System.err} (where the test logger writes) so a test
 * can wait for a log line; the output still reaches the original stream.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** @return a capture that runs until closed */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return everything captured so far */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits for a line containing all fragments.
     *
     * @return the line, or null if none appeared in time
     */
    public String awaitLine(Duration timeout, String... fragments) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : text().split("\n")) {
                if (containsAll(line, fragments)) {
                    return line;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static boolean containsAll(String line, String[] fragments) {
        for (String fragment : fragments) {
            if (!line.contains(fragment)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
