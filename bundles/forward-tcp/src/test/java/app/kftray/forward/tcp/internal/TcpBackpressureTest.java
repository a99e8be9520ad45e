package app.kftray.forward.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.Channels;
import app.kftray.testing.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops reading, on either side, stalls the writer on the other side instead
 * of piling bytes up in memory; once it reads again every byte arrives.
 */
class TcpBackpressureTest extends TcpForwardTestBase {
    /**
     * Sent in all: far more than the kernel may buffer along the way, so that "the writer stopped
     * before half of it" can only hold because backpressure reached it. Linux grows a socket's
     * buffers up to tcp_rmem / tcp_wmem's maximum (32 MiB and 4 MiB here), and the path has
     * several sockets; 64 MiB was below that and failed now and then.
     */
    private static final long TOTAL = Math.max(64 * MIB, 4 * (kernelMaximum("tcp_rmem") + kernelMaximum("tcp_wmem")));
    /**
     * What the splice may hold per connection: a write-buffer high-water mark plus the read burst
     * a stream may still deliver after being told to stop (up to 16 reads of 64 KiB each).
     */
    private static final long MEMORY_BOUND = 2 * MIB;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STEADY = Duration.ofMillis(300);

    /** @return the largest buffer Linux may grow a TCP socket's buffer to, 0 where unknown */
    private static long kernelMaximum(String setting) {
        try {
            // read as lines: procfs reports a size of 0, which cuts a whole-file read short
            String[] values = Files.readAllLines(Path.of("/proc/sys/net/ipv4", setting)).get(0).trim().split("\\s+");
            return Long.parseLong(values[values.length - 1]);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }

    @Test
    void stalledClientStallsThePodWithBoundedMemory() {
        Backend pod = backend(Backend.firehose(LOOPS.group(), TOTAL));
        TcpForward forward = start();
        TestClient client = connect(forward);
        client.reading(false);

        long stalledAt = Await.settled("the pod's output", WAIT, STEADY, pod::written);

        long held = forward.connections().stream().mapToLong(Channels::pendingBytes).sum();
        // the client may read a few MiB before its pause takes hold: count only what is in between
        long inFlight = stalledAt - client.received();
        System.out.printf("stalled client: pod wrote %d KiB of %d KiB, %d KiB in flight, splice holds %d KiB%n",
                stalledAt / 1024, TOTAL / 1024, inFlight / 1024, held / 1024);
        assertTrue(inFlight < TOTAL / 2, "the pod kept writing: " + stalledAt + " bytes, client read "
                + client.received());
        assertTrue(held <= MEMORY_BOUND, "the splice buffers " + held + " bytes");

        client.reading(true);
        Await.until("every byte", WAIT, () -> client.received() == TOTAL);
        assertEquals(-1, client.patternMismatchAt());
    }

    @Test
    void stalledPodStallsTheClientWithBoundedMemory() {
        Backend pod = backend(Backend.stalled(LOOPS.group()));
        TcpForward forward = start();
        TestClient client = connect(forward);
        client.sendPattern(TOTAL);

        long stalledAt = Await.settled("the client's output", WAIT, STEADY, client::sent);

        long held = transport.maxPendingBytes();
        System.out.printf("stalled pod: client sent %d KiB of %d KiB, splice holds %d KiB%n",
                stalledAt / 1024, TOTAL / 1024, held / 1024);
        assertTrue(stalledAt < TOTAL / 2, "the client kept writing: " + stalledAt);
        assertTrue(held <= MEMORY_BOUND, "the splice buffers " + held + " bytes");

        pod.startReading();
        Await.until("every byte", WAIT, () -> pod.received() == TOTAL);
        assertEquals(TOTAL, monitor.bytesOut());
    }
}
