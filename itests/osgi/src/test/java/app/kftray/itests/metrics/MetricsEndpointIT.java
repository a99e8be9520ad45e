package app.kftray.itests.metrics;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import app.kftray.api.RuntimeProperties;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.itests.forward.ForwardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The metrics endpoint of the real headless feature, scraped while a forward to the emulated
 * cluster carries traffic: its counters equal the bytes the test sent and received, and the
 * text passes {@code promtool check metrics}; the probes follow the auto-start forwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsEndpointIT extends ForwardTestSupport {
    private static final int BYTES = 300_000;
    private static final int CHUNK = 16384;
    private static final long WAIT_NANOS = 10_000_000_000L;

    @Override
    @Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(),
                frameworkProperty(RuntimeProperties.METRICS_ADDRESS).value("127.0.0.1:" + freePort()));
    }

    @Test
    public void countersDuringTrafficEqualTheBytesSentAndTheTextIsValid() throws Exception {
        cluster().service("metered", cluster().echo().address());
        ForwardConfig config = saveService("metered", "http", 0);
        InetSocketAddress local = startRunning(config.id());
        String alias = "alias=\"" + config.alias() + "\"";

        try (Socket client = new Socket(local.getAddress(), local.getPort())) {
            byte[] sent = new byte[BYTES];
            new Random(7).nextBytes(sent);
            byte[] echoed = exchange(client, sent);
            assertArrayEquals("the echo came back intact", sent, echoed);

            Scrape during = awaitScrape("counters of the open connection", s ->
                    s.value("kftray_forward_bytes_out_total", alias).orElse(-1) == BYTES
                            && s.value("kftray_forward_bytes_in_total", alias).orElse(-1) == BYTES);
            assertEquals(200, during.status());
            assertTrue(during.contentType(), during.contentType().startsWith("text/plain; version=0.0.4"));
            assertEquals(1, during.value("kftray_forward_connections_open", alias).orElseThrow(), 0);
            assertEquals(1, during.value("kftray_forward_connections_total", alias).orElseThrow(), 0);
            assertEquals(1, during.value("kftray_forward_status", alias, "namespace=\"dev\"", "protocol=\"tcp\"",
                    "status=\"RUNNING\"").orElseThrow(), 0);
            assertEquals(0, during.value("kftray_forward_status", alias, "status=\"STOPPED\"").orElseThrow(), 0);
            assertEquals("one stream opened, its connect time observed", 1,
                    during.value("kftray_forward_connect_duration_seconds_count", alias).orElseThrow(), 0);
            assertEquals("tcp service forwards do not use the relay", -1,
                    during.value("kftray_forward_relay_flows_open", alias).orElse(-1), 0);
            assertTrue("runtime series", during.body().contains("\njvm_memory_used_bytes{area=\"heap\"}")
                    && during.body().contains("\njvm_threads_current ") && during.body().contains("\nprocess_open_fds "));
            assertEquals("promtool check metrics", "0", during.promtool());
        }
        Scrape after = awaitScrape("the closed connection", s ->
                s.value("kftray_forward_connections_open", alias).orElse(-1) == 0);
        assertEquals(1, after.value("kftray_forward_connections_total", alias).orElseThrow(), 0);
        assertEquals(BYTES, after.value("kftray_forward_bytes_out_total", alias).orElseThrow(), 0);
    }

    @Test
    public void aForwardThatCannotStartCountsAnError() throws Exception {
        cluster().service("blocked", cluster().echo().address());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ForwardConfig config = saveService("blocked", "http", taken.getLocalPort());
            assertEquals(ForwardStatus.FAILED, start(config.id()).status());
            String alias = "alias=\"" + config.alias() + "\"";

            Scrape scrape = awaitScrape("the error", s -> s.value("kftray_forward_errors_total", alias).isPresent());
            assertEquals(1, scrape.value("kftray_forward_errors_total", alias).orElseThrow(), 0);
            assertEquals(1, scrape.value("kftray_forward_status", alias, "status=\"FAILED\"").orElseThrow(), 0);
        }
    }

    @Test
    public void readinessWaitsForTheAutoStartForwardsAndHealthIsUp() throws Exception {
        cluster().service("probed", cluster().echo().address());
        ForwardConfig config = configs.update(saveService("probed", "http", 0).toBuilder().autoStart(true).build());
        try {
            assertEquals(200, Scrape.get(url("/healthz")).status());
            Scrape waiting = Scrape.get(url("/readyz"));
            assertEquals(503, waiting.status());
            assertTrue(waiting.body(), waiting.body().contains("'" + config.alias() + "' is STOPPED"));

            ForwardState running = start(config.id());
            assertEquals(ForwardStatus.RUNNING, running.status());
            Scrape ready = Scrape.get(url("/readyz"));
            assertEquals(ready.body(), 200, ready.status());
            assertEquals(404, Scrape.get(url("/nothing-here")).status());
        } finally {
            forwards.stop(config.id()).toCompletableFuture().get();
            configs.delete(config.id());
        }
    }

    private static byte[] exchange(Socket client, byte[] sent) throws IOException {
        OutputStream out = client.getOutputStream();
        InputStream in = client.getInputStream();
        byte[] echoed = new byte[sent.length];
        int read = 0;
        // half a chunk behind the writes at most, so neither side's buffers fill up
        for (int offset = 0; offset < sent.length; offset += CHUNK) {
            out.write(sent, offset, Math.min(CHUNK, sent.length - offset));
            out.flush();
            read = readUntil(in, echoed, read, offset / 2);
        }
        readUntil(in, echoed, read, echoed.length);
        return echoed;
    }

    private static int readUntil(InputStream in, byte[] into, int read, int wanted) throws IOException {
        while (read < wanted) {
            int n = in.read(into, read, into.length - read);
            if (n < 0) {
                throw new IOException("echo ended after " + read + " bytes");
            }
            read += n;
        }
        return read;
    }

    private Scrape awaitScrape(String what, Predicate<Scrape> done) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        Scrape last = Scrape.get(url("/metrics"));
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last scrape:\n" + last.body());
            }
            Thread.sleep(50);
            last = Scrape.get(url("/metrics"));
        }
        return last;
    }

    private String url(String path) {
        return "http://" + context.getProperty(RuntimeProperties.METRICS_ADDRESS) + path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
