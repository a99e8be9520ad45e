package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traffic the log cannot or must not parse: it says so once and keeps serving other connections. */
class HttpTapBadInputTest {
    @TempDir
    Path root;

    @Test
    void webSocketUpgradeIsNotedAndTheRestOfTheConnectionSkipped() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 21)) {
            HttpTap tap = harness.open("ws");
            harness.client(tap, "GET /socket HTTP/1.1\r\nHost: w\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            harness.server(tap, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
            harness.client(tap, new byte[] {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'a', 'b', 'c', 'd', 'e'});
            harness.server(tap, new byte[] {(byte) 0x81, 0x05, 'h', 'e', 'l', 'l', 'o'});
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(1, entries.size(), entries.toString());
            assertEquals(101, entries.get(0).status());
            assertEquals(List.of("switched protocols to websocket; the rest of the connection is not logged"),
                    entries.get(0).notes());
        }
    }

    @Test
    void http2TlsAndOtherProtocolsAreNotedOncePerForward() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 22)) {
            for (int i = 0; i < 3; i++) {
                HttpTap h2 = harness.open("h2-" + i);
                harness.client(h2, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
                harness.server(h2, new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
                h2.close();
                HttpTap tls = harness.open("tls-" + i);
                harness.client(tls, new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
                tls.close();
                HttpTap redis = harness.open("redis-" + i);
                harness.client(redis, "*1\r\n$4\r\nPING\r\n");
                harness.server(redis, "+PONG\r\n");
                redis.close();
                HttpTap mysql = harness.open("mysql-" + i);
                harness.server(mysql, "J\0\0\0\n8.0.36\0");
                mysql.close();
            }
            HttpTap http = harness.open("http");
            harness.emptyExchange(http, "/still-works");
            http.close();

            // how many of the first bytes a notice quotes depends on how they were split: cut the quote
            List<String> seen = harness.entries().stream()
                    .map(e -> e.connectionId() + " " + (e.kind() == Kind.NOTICE ? e.notes().get(0) : e.uri()))
                    .map(line -> line.replaceAll("client: 2a31[0-9a-f]*\\)", "client: 2a31...)"))
                    .collect(Collectors.toList());
            assertEquals(List.of(
                    "h2-0 HTTP/2 with prior knowledge is not parsed; connections like this one are not logged and not"
                            + " noted again",
                    "tls-0 TLS (encrypted) traffic cannot be parsed; connections like this one are not logged and not"
                            + " noted again",
                    "redis-0 traffic is not HTTP (first bytes from the client: 2a31...); "
                            + "connections like this one are not logged and not noted again",
                    "http /still-works"), seen);
        }
    }

    @Test
    void malformedRequestStopsThatConnectionOnlyAndIsReported() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 23)) {
            HttpTap bad = harness.open("bad");
            harness.emptyExchange(bad, "/ok");
            harness.client(bad, "POST /broken HTTP/1.1\r\nContent-Length: banana\r\n\r\nxyz");
            harness.server(bad, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            HttpTap good = harness.open("good");
            harness.emptyExchange(good, "/fine");
            bad.close();
            good.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(3, entries.size(), entries.toString());
            assertEquals("/ok", entries.get(0).uri());
            assertEquals(Kind.NOTICE, entries.get(1).kind());
            assertEquals("bad", entries.get(1).connectionId());
            assertTrue(entries.get(1).notes().get(0).startsWith("could not parse the request: "),
                    entries.get(1).notes().toString());
            assertEquals("/fine", entries.get(2).uri());
        }
    }

    @Test
    void oversizedHeadersAreRejectedWithoutBufferingThem() {
        try (TapHarness harness = new TapHarness(new TestSettings(root), 24)) {
            HttpTap tap = harness.open("huge");
            harness.client(tap, "GET / HTTP/1.1\r\nX-Long: ");
            for (int i = 0; i < 1024; i++) {
                tap.clientBytes(Unpooled.wrappedBuffer("aaaaaaaaaaaaaaaa".repeat(1024).getBytes()));
            }
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(1, entries.size());
            assertTrue(entries.get(0).notes().get(0).contains("TooLongHttpHeaderException"),
                    entries.get(0).notes().toString());
        }
    }

    @Test
    void partialRequestStateExpiresAndOtherConnectionsGoOn() throws InterruptedException {
        TestSettings settings = new TestSettings(root);
        settings.pendingTimeout = Duration.ofMillis(100);
        try (TapHarness harness = new TapHarness(settings, 25)) {
            HttpTap slow = harness.open("slowloris");
            harness.client(slow, "GET / HTTP/1.1\r\nHost: w\r\nX-Slow: a");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (harness.component.statistics().entries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            harness.client(slow, "more header bytes that arrive too late\r\n\r\n");
            HttpTap fast = harness.open("fast");
            harness.emptyExchange(fast, "/quick");
            fast.close();
            slow.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(2, entries.size(), entries.toString());
            assertEquals(List.of("waited 100 ms for the rest of a message; its state was discarded and the rest of the"
                    + " connection is not logged"), entries.get(0).notes());
            assertEquals("/quick", entries.get(1).uri());
        }
    }

    @Test
    void fourGibibyteBodyStreamsThroughWithoutBeingHeld() throws InterruptedException {
        TestSettings settings = new TestSettings(root);
        settings.maxBodyBytes = 1024;
        long size = 4L << 30;
        ByteBuf block = Unpooled.directBuffer(1 << 20).writeZero(1 << 20);
        try (TapHarness harness = new TapHarness(settings, 26)) {
            HttpTap tap = harness.open("huge-body");
            harness.client(tap, "PUT /image.iso HTTP/1.1\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + size + "\r\n\r\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (long sent = 0; sent < size; sent += block.readableBytes()) {
                // keep the queue short so nothing is dropped: the test is about parsing, not overload
                while (harness.component.statistics().pendingBytes() > 16 << 20 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                tap.clientBytes(block.retainedDuplicate());
            }
            harness.server(tap, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
            tap.close();

            List<HttpExchangeRecord> entries = harness.entries();
            assertEquals(0, harness.component.statistics().droppedBuffers());
            HttpExchangeRecord.Message request = entries.get(0).request();
            assertEquals(size, request.bodyBytes());
            assertEquals(size, request.decodedBytes());
            assertTrue(request.truncated());
            assertEquals(201, entries.get(0).status());
        } finally {
            assertEquals(1, block.refCnt(), "every duplicate handed to the tap was released");
            block.release();
        }
    }
}
