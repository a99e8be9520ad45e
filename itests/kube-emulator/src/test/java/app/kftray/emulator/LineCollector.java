package app.kftray.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects a process stream's lines on a daemon thread and waits for one that matches. */
final class LineCollector {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LineCollector(InputStream stream) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    synchronized (this) {
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "line-collector");
        t.setDaemon(true);
        t.start();
    }

    /** The first line matching, waiting up to {@code timeout}; fails with everything seen so far. */
    synchronized String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (match.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + "; got:\n" + String.join("\n", lines));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
