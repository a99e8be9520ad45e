package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService.HttpTap;
import app.kftray.api.model.HttpExchangeRecord;
import app.kftray.api.model.HttpExchangeRecord.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data path side: taps never wait, drop and count when the log falls behind, and share one worker. */
class TapDispatcherTest {
    @TempDir
    Path root;

    /** A sink whose first write waits until the test lets it go: a disk that stalls. */
    static final class StallingSink implements ExchangeSink {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<HttpExchangeRecord> written = new CopyOnWriteArrayList<>();

        @Override
        public void write(HttpExchangeRecord entry) {
            writing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(entry);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void slowWriterNeverBlocksTheTapAndOverflowIsDroppedAndCounted() throws InterruptedException {
        TestSettings settings = new TestSettings(root);
        settings.queueMaxBuffers = 4;
        StallingSink sink = new StallingSink();
        TapDispatcher dispatcher = new TapDispatcher(settings.build(), sink);
        List<ByteBuf> handedOver = new ArrayList<>();
        try {
            HttpTap first = dispatcher.open("7", "first");
            first.clientBytes(buf("GET /one HTTP/1.1\r\n\r\n", handedOver));
            first.serverBytes(buf("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", handedOver));
            assertTrue(sink.writing.await(5, TimeUnit.SECONDS), "the worker is stuck in the sink");

            HttpTap flooded = dispatcher.open("7", "flooded");
            int sent = 1000;
            // a hang here would mean the tap waited for the stalled writer
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < sent / 2; i++) {
                    flooded.clientBytes(buf("GET /" + i + " HTTP/1.1\r\n\r\n", handedOver));
                    flooded.serverBytes(buf("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", handedOver));
                }
            });
            TapStatistics stats = dispatcher.statistics();
            assertEquals(2 + sent, stats.queuedBuffers() + stats.droppedBuffers());
            assertTrue(stats.droppedBuffers() >= sent - settings.queueMaxBuffers, stats.toString());
            flooded.close();
            first.close();
        } finally {
            sink.release.countDown();
            dispatcher.close();
        }
        handedOver.forEach(buf -> assertEquals(0, buf.refCnt(), "the tap releases every copy"));
        assertEquals("/one", sink.written.get(0).uri());
        List<HttpExchangeRecord> notices = sink.written.stream().filter(e -> e.kind() == Kind.NOTICE).toList();
        assertEquals(1, notices.size(), sink.written.toString());
        assertEquals("flooded", notices.get(0).connectionId());
        assertTrue(notices.get(0).notes().get(0).startsWith("the log fell behind and dropped "), notices.toString());
    }

    @Test
    void allTapsShareOneWorkerThread() {
        TapDispatcher dispatcher = new TapDispatcher(new TestSettings(root).build(), new StallingSink());
        try {
            List<HttpTap> taps = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                taps.add(dispatcher.open("7", "c" + i));
            }
            long workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("kftray-httplog")).count();
            assertEquals(1, workers);
            assertEquals(200, dispatcher.statistics().openConnections());
            taps.forEach(HttpTap::close);
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void bytesAfterCloseOrStopAreReleasedNotQueued() {
        TapDispatcher dispatcher = new TapDispatcher(new TestSettings(root).build(), new StallingSink());
        HttpTap tap = dispatcher.open("7", "late");
        tap.close();
        ByteBuf afterClose = Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
        tap.clientBytes(afterClose);
        dispatcher.close();
        ByteBuf afterStop = Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
        dispatcher.open("7", "after-stop").clientBytes(afterStop);

        assertEquals(0, afterClose.refCnt());
        assertEquals(0, afterStop.refCnt());
        assertEquals(0, dispatcher.statistics().queuedBuffers());
    }

    private static ByteBuf buf(String text, List<ByteBuf> handedOver) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        handedOver.add(buf);
        return buf;
    }
}
