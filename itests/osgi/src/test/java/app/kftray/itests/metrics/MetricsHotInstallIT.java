package app.kftray.itests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.itests.socks.CommandResult;
import app.kftray.itests.socks.HeadlessKftray;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics bundle and the {@code --metrics} option with the real launcher as a process: the
 * jar dropped into the deploy directory of a running runtime serves (the time it took is printed)
 * and deleting it closes the endpoint while the runtime keeps running; bad addresses and a port in use give one
 * clear line each.
 */
class MetricsHotInstallIT {
    /**
     * How long the test waits for the endpoint. The goal is 2 s from the copy; like every speed,
     * it is measured and printed, not asserted, since a loaded test machine stretches it.
     */
    private static final Duration HOT_INSTALL_WAIT = Duration.ofSeconds(30);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void droppedJarServesAndDeletingItClosesTheEndpoint() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        // the base feature is the headless runtime without the metrics bundle
        try (HeadlessKftray kftray = HeadlessKftray.launch(home, deploy, "--feature", "base",
                "--metrics", "127.0.0.1:" + port, "--log-level", "debug")) {
            kftray.awaitLine("started (base)", STARTUP);
            // a live runtime: the start-up work that runs on after "started" is over
            kftray.awaitLine("Kubernetes client classes loaded", STARTUP);
            assertRefused(base);

            Path jar = deploy.resolve("metrics.jar");
            long copied = System.nanoTime();
            dropIn(metricsJar(), jar);
            Scrape health = awaitAnswer(base + "/healthz", HOT_INSTALL_WAIT);
            long millis = (System.nanoTime() - copied) / 1_000_000;
            System.out.println("metrics endpoint answered " + millis + " ms after the copy (goal: 2000 ms)");
            assertEquals(200, health.status());
            Scrape metrics = Scrape.get(base + "/metrics");
            assertTrue(metrics.body().contains("\njvm_threads_current "), metrics.body());
            assertEquals("0", metrics.promtool());

            Files.delete(jar);
            kftray.awaitLine("metrics endpoint closed", Duration.ofSeconds(10));
            assertRefused(base);
            assertFalse(kftray.log().contains("\tat "), "no stack trace:\n" + kftray.log());
            assertEquals(143, kftray.terminate(Duration.ofSeconds(15)), "a clean stop on SIGTERM");
        }
    }

    @Test
    void aPortInUseIsOneClearErrorAndTheRuntimeKeepsRunning() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             HeadlessKftray kftray = HeadlessKftray.launch(home, deploy, "--headless",
                     "--metrics", "127.0.0.1:" + taken.getLocalPort())) {
            String line = kftray.awaitLine("metrics endpoint not started", STARTUP);
            assertTrue(line.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use"), line);
            kftray.awaitLine("started (headless)", STARTUP);
            assertFalse(kftray.log().contains("\tat "), "no stack trace:\n" + kftray.log());
        }
    }

    @Test
    void aRemoteAddressNeedsAllowRemoteAndAMalformedOneIsRefused() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        CommandResult remote = HeadlessKftray.oneShot(home, "--headless", "--metrics", "0.0.0.0:9464");
        assertEquals(2, remote.exit(), remote.text());
        assertEquals("kftray: --metrics 0.0.0.0:9464 is not a loopback address, so other hosts could read the "
                + "metrics; use 127.0.0.1:PORT, or add --allow-remote\n", remote.err());

        CommandResult malformed = HeadlessKftray.oneShot(home, "--headless", "--metrics", "9464");
        assertEquals(2, malformed.exit(), malformed.text());
        assertEquals("kftray: --metrics: '9464' is not host:port (for example 127.0.0.1:9464)\n", malformed.err());
    }

    private static Path metricsJar() {
        return Path.of(System.getProperty("kftray.dist"), "bundles", "app.kftray.metrics.jar");
    }

    private static void dropIn(Path source, Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "metrics", ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // appears complete, as a finished copy would
    }

    private static Scrape awaitAnswer(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return Scrape.get(url);
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(url + " did not answer within " + timeout);
                }
                Thread.sleep(10);
            }
        }
    }

    private static void assertRefused(String url) {
        try {
            Scrape answer = Scrape.get(url + "/healthz");
            throw new AssertionError("expected no endpoint, got " + answer.status());
        } catch (ConnectException expected) {
            // nothing listens
        } catch (IOException e) {
            throw new AssertionError("expected the connection to be refused, got " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
