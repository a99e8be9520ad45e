package app.kftray.itests.httplog;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.ConfigListener;
import app.kftray.api.HttpLogReader;
import app.kftray.api.HttpLogReader.Filter;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import app.kftray.api.model.HttpExchangeRecord.Message;
import app.kftray.itests.forward.ForwardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * HTTP logging of a real forward in the real bundles: curl talks to nginx through a logged forward,
 * and the log read back through {@link HttpLogReader} says exactly what curl received.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpLogIT extends ForwardTestSupport {
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final String SECRET_TOKEN = "Bearer kftray-secret-token-123";
    private static final String SECRET_COOKIE = "session=kftray-secret-cookie-456";

    @Inject
    protected HttpLogReader logs;

    /** Numbers the services, since a name in the emulated cluster is declared once. */
    private static final AtomicInteger SERVICES = new AtomicInteger();

    private TestSite site;
    private String service;
    private Path downloads;

    @Before
    public void startSite() throws Exception {
        site = TestSite.start(cluster());
        service = "web-" + SERVICES.incrementAndGet();
        cluster().service(service, site.nginx().address());
        downloads = Files.createTempDirectory("kftray-httplog-it");
    }

    @After
    public void deleteDownloads() throws IOException {
        try (Stream<Path> files = Files.walk(downloads)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    public void everyExchangeIsLoggedAsCurlReceivedItWithSecretsMasked() throws Exception {
        ForwardConfig config = saveLogged(service);
        String base = "http://127.0.0.1:" + startRunning(config.id()).getPort();

        Curl.Result page = Curl.fetch(base + "/index.html?from=curl", downloads.resolve("page"),
                "Authorization: " + SECRET_TOKEN, "Cookie: " + SECRET_COOKIE);
        Curl.Result json = Curl.fetch(base + TestSite.JSON, downloads.resolve("json"), "Accept-Encoding: gzip");
        Curl.Result include = Curl.fetch(base + TestSite.INCLUDE, downloads.resolve("include"));
        Curl.Result missing = Curl.fetch(base + "/missing", downloads.resolve("missing"));

        List<HttpExchangeRecord> entries = awaitEntries(config, e -> e.kind() == Kind.EXCHANGE, 4);
        assertEquals(TestSite.PAGE, Files.readString(page.body()));
        assertEquals(List.of(200, 200, 200, 404), List.of(page.status(), json.status(), include.status(),
                missing.status()));

        HttpExchangeRecord pageEntry = only(entries, "/index.html");
        assertEquals("GET", pageEntry.method());
        assertEquals("/index.html?from=curl", pageEntry.uri());
        assertReceivedAsLogged(page, pageEntry.response());
        assertEquals(TestSite.PAGE.length(), pageEntry.response().decodedBytes());
        assertTrue(pageEntry.response().body(), pageEntry.response().body().contains("kftray http log"));
        assertMasked(pageEntry.request(), "Authorization", SECRET_TOKEN);
        assertMasked(pageEntry.request(), "Cookie", SECRET_COOKIE);

        HttpExchangeRecord jsonEntry = only(entries, TestSite.JSON);
        Message compressed = jsonEntry.response();
        assertEquals("gzip", compressed.header("Content-Encoding"));
        assertEquals("compressed on the fly, nginx sends it chunked", "chunked",
                compressed.header("Transfer-Encoding"));
        assertEquals(json.sizeHeader(), compressed.headerBytes());
        assertTrue("the wire body is curl's de-chunked body plus the chunk framing",
                compressed.bodyBytes() > json.sizeDownload() + "0\r\n\r\n".length());
        assertEquals("decoded size is the JSON file's", site.jsonBytes(), compressed.decodedBytes());
        assertEquals(site.jsonBytes(), gunzip(json.body()).length);
        assertTrue(compressed.body(), compressed.body().startsWith("[{\"id\":0,"));

        Message chunked = only(entries, TestSite.INCLUDE).response();
        assertEquals("chunked", chunked.header("Transfer-Encoding"));
        assertEquals(null, chunked.header("Content-Encoding"));
        assertEquals(include.sizeHeader(), chunked.headerBytes());
        assertEquals("de-chunked, the body is what curl saved", include.sizeDownload(), chunked.decodedBytes());
        assertTrue(chunked.bodyBytes() > include.sizeDownload());
        assertTrue(chunked.body(), chunked.body().contains("kftray http log"));

        HttpExchangeRecord missingEntry = only(entries, "/missing");
        assertEquals(404, missingEntry.status());
        assertReceivedAsLogged(missing, missingEntry.response());

        assertSecretsNotInLogFiles(config);
    }

    @Test
    public void a100MibDownloadThroughALoggedForwardIsByteIdenticalAndLoggedWithItsSize() throws Exception {
        String sourceSha256 = site.writeBig();
        ForwardConfig config = saveLogged(service);
        String base = "http://127.0.0.1:" + startRunning(config.id()).getPort();

        Curl.Result big = Curl.fetch(base + TestSite.BIG, downloads.resolve("big"));

        assertEquals(200, big.status());
        assertEquals(TestSite.BIG_BYTES, Files.size(big.body()));
        assertEquals("SHA-256 of the download equals the source", sourceSha256, TestSite.sha256(big.body()));
        HttpExchangeRecord entry = only(awaitEntries(config, e -> e.kind() == Kind.EXCHANGE, 1), TestSite.BIG);
        assertReceivedAsLogged(big, entry.response());
        assertEquals(Long.toString(TestSite.BIG_BYTES), entry.response().header("Content-Length"));
        assertEquals("a binary body is previewed, not stored", HttpExchangeRecord.BodyFormat.BINARY,
                entry.response().bodyFormat());
        assertTrue(entry.response().truncated());
    }

    @Test
    public void switchingLoggingOnTheRunningForwardAppliesToTheNextRequests() throws Exception {
        ForwardConfig config = saveLogged(service);
        String base = "http://127.0.0.1:" + startRunning(config.id()).getPort();
        BlockingQueue<ConfigChange> changes = new LinkedBlockingQueue<>();
        ServiceRegistration<ConfigListener> listener = context.registerService(ConfigListener.class, changes::add,
                null);
        try {
            Curl.fetch(base + "/index.html?phase=on-1", downloads.resolve("1"));
            awaitEntries(config, e -> e.kind() == Kind.EXCHANGE, 1);

            switchLogging(config, false, changes);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, Curl.fetch(base + "/index.html?phase=off-" + i, downloads.resolve("off")).status());
            }

            switchLogging(config, true, changes);
            Curl.fetch(base + "/index.html?phase=on-2", downloads.resolve("2"));
            List<HttpExchangeRecord> entries = awaitEntries(config, e -> e.kind() == Kind.EXCHANGE, 2);
            assertEquals(List.of("/index.html?phase=on-1", "/index.html?phase=on-2"),
                    entries.stream().map(HttpExchangeRecord::uri).toList());
        } finally {
            listener.unregister();
        }
    }

    @Test
    public void garbageAndHttp2ThroughALoggedForwardKeepFlowingAndTheLogSaysWhatItCouldNotParse()
            throws Exception {
        cluster().service("echo", cluster().echo().address());
        ForwardConfig config = saveLogged("echo");
        InetSocketAddress local = startRunning(config.id());
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0;
        byte[] http2 = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
        byte[] malformed = "POST /broken HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\nxyz"
                .getBytes(StandardCharsets.US_ASCII);

        for (byte[] first : List.of(garbage, http2, malformed)) {
            try (Socket socket = new Socket(local.getAddress(), local.getPort())) {
                assertEchoed(socket, first);
                assertEchoed(socket, "the connection goes on\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        try (Socket other = new Socket(local.getAddress(), local.getPort())) {
            assertEchoed(other, "a later connection is served too\n".getBytes(StandardCharsets.US_ASCII));
        }

        List<String> notices = awaitEntries(config, e -> e.kind() == Kind.NOTICE, 3).stream()
                .map(e -> String.join(" ", e.notes())).toList();
        assertTrue(notices.toString(), notices.stream().anyMatch(n -> n.startsWith("traffic is not HTTP")));
        assertTrue(notices.toString(), notices.stream().anyMatch(n -> n.startsWith("HTTP/2 with prior knowledge")));
        assertTrue(notices.toString(), notices.stream().anyMatch(n -> n.startsWith("could not parse the request")));
    }

    private ForwardConfig saveLogged(String service) {
        ForwardConfig saved = saveService(service, "80", 0);
        return configs.update(saved.toBuilder().httpLogsEnabled(true).build());
    }

    /**
     * Saves the flag and waits until the engine applied it: the engine's listener was registered
     * long before the test's, so it has been told by the time the test's listener is; the next
     * engine call on the forward is queued behind the change.
     */
    private void switchLogging(ForwardConfig config, boolean enabled, BlockingQueue<ConfigChange> changes)
            throws Exception {
        changes.clear();
        configs.update(configs.get(config.id()).orElseThrow().toBuilder().httpLogsEnabled(enabled).build());
        ConfigChange change;
        do {
            change = changes.poll(LOG_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue("the store announced the change", change != null);
        } while (change.configId() != config.id());
        start(config.id());
    }

    private List<HttpExchangeRecord> awaitEntries(ForwardConfig config, Predicate<HttpExchangeRecord> kind,
                                                  int count) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<HttpExchangeRecord> entries = List.of();
        while (System.nanoTime() < deadline) {
            entries = logs.list(config.id().toString(), Filter.all(), 1000).stream().filter(kind).toList();
            if (entries.size() >= count) {
                return entries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " log entries of forward " + config.id() + ", got "
                + entries);
    }

    private static HttpExchangeRecord only(List<HttpExchangeRecord> entries, String path) {
        List<HttpExchangeRecord> matching = entries.stream().filter(e -> path.equals(e.path())).toList();
        assertEquals("entries for " + path + " in " + entries, 1, matching.size());
        return matching.get(0);
    }

    private static void assertReceivedAsLogged(Curl.Result received, Message logged) {
        assertEquals("status line and headers", received.sizeHeader(), logged.headerBytes());
        assertEquals("body", received.sizeDownload(), logged.bodyBytes());
    }

    private static void assertMasked(Message request, String header, String secret) {
        String logged = request.header(header);
        assertTrue(header + " is logged", logged != null && !logged.isEmpty());
        assertNotEquals(header + " is masked", secret, logged);
        assertFalse(header + " shows no part of the secret: " + logged, logged.contains("secret"));
    }

    private static void assertSecretsNotInLogFiles(ForwardConfig config) throws IOException {
        Path dir = Path.of(System.getProperty("kftray.home"), "http_logs", config.id().toString());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertTrue("log files in " + dir, all.size() >= 2);
            for (Path file : all) {
                String text = Files.readString(file);
                assertTrue(file + " logs the request", text.contains("/index.html"));
                assertFalse(file + " holds no secret", text.contains("kftray-secret"));
            }
        }
    }

    private static void assertEchoed(Socket socket, byte[] sent) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(sent);
        byte[] back = new byte[sent.length];
        InputStream in = socket.getInputStream();
        for (int read = 0; read < back.length; ) {
            int n = in.read(back, read, back.length - read);
            if (n < 0) {
                throw new IOException("the connection closed after " + read + " of " + back.length + " bytes");
            }
            read += n;
        }
        assertArrayEquals(sent, back);
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
