package app.kftray.itests.resume;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.emulator.EchoProbe;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.PodHandle;
import app.kftray.itests.socks.HeadlessKftray;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kftray --headless} frozen as a sleeping laptop freezes it (SIGSTOP) while its pod is replaced,
 * then resumed (SIGCONT): the forward serves the new pod again at once, without waiting for timeouts.
 * The freeze lasts {@code kftray.resume.stopSeconds} (10 s in the suite; 60 s for the full check).
 */
class ResumeEndToEndIT {
    private static final Duration FROZEN = Duration.ofSeconds(Long.getLong("kftray.resume.stopSeconds", 10));
    /** Only catches hangs; the goal (3 s) is printed, not asserted. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private KubeEmulator kube;
    private EchoServer before;
    private EchoServer after;
    private Path home;

    @BeforeEach
    void cluster() throws Exception {
        kube = KubeEmulator.start();
        before = EchoServer.start();
        after = EchoServer.start();
        home = WebForward.homeForwardingTo(kube, before.address(), dir);
    }

    @AfterEach
    void stopCluster() {
        kube.close();
        before.close();
        after.close();
    }

    @Test
    void aForwardServesTheReplacedPodRightAfterTheProcessResumes() throws Exception {
        try (HeadlessKftray kftray = HeadlessKftray.launch(home, Files.createDirectories(dir.resolve("deploy")))) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", WebForward.awaitRunning(kftray));
            EchoProbe.roundTrip(local, 64 * 1024, 1, Duration.ofSeconds(10));

            kftray.signal("STOP");
            PodHandle pod = kube.requirePod(WebForward.NAMESPACE, "web-1");
            kube.restart(pod, after.address(), Duration.ZERO);
            Thread.sleep(FROZEN.toMillis());
            kftray.signal("CONT");
            long resumed = System.nanoTime();

            int attempts = 0;
            while (true) {
                attempts++;
                try {
                    EchoProbe.roundTrip(local, 1024, attempts, Duration.ofSeconds(1));
                    break;
                } catch (IOException | RuntimeException notYet) {
                    assertTrue(System.nanoTime() - resumed < BOUND.toNanos(),
                            "the forward did not serve within " + BOUND + " of resuming: " + notYet + "\n"
                                    + kftray.log());
                    Thread.sleep(50);
                }
            }
            long millis = (System.nanoTime() - resumed) / 1_000_000;
            System.out.printf(Locale.ROOT, "SIGSTOP %d s while the pod was replaced, then SIGCONT: serving again "
                    + "%d ms after resuming (goal <= 3000 ms), %d attempt(s)%n", FROZEN.toSeconds(), millis, attempts);
            System.out.println(kftray.log());
            assertTrue(after.acceptedConnections() > 0, "the new pod serves");
            kftray.awaitLine("checking every running forward now", Duration.ofSeconds(10));
            kftray.terminate(Duration.ofSeconds(20));
        }
    }
}
