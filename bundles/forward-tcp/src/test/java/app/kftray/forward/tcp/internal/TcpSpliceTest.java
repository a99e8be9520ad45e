package app.kftray.forward.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.HttpLogService;
import app.kftray.api.model.ForwardConfig;
import app.kftray.testing.Await;
import app.kftray.testing.Backend;
import app.kftray.testing.TestClient;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bytes cross the splice intact, in both directions, with half-close and end of stream. */
class TcpSpliceTest extends TcpForwardTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void manyConcurrentConnectionsCarryEveryByteBothWays() throws Exception {
        backend(Backend.echo(LOOPS.group()));
        TcpForward forward = start();
        int connections = 64;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            TestClient client = connect(forward);
            client.sendPattern(MIB);
            clients.add(client);
        }
        Await.until("every echo", WAIT, () -> clients.stream().allMatch(c -> c.received() == MIB));

        for (TestClient client : clients) {
            assertEquals(-1, client.patternMismatchAt(), "corrupted byte");
        }
        assertEquals(connections * MIB, monitor.bytesOut());
        assertEquals(connections * MIB, monitor.bytesIn());
        assertEquals(connections, monitor.opened());
        assertEquals(connections, monitor.connectLatencies().size(), "one connect latency per stream");
        assertTrue(monitor.connectLatencies().stream().noneMatch(Duration::isNegative));
        clients.forEach(TestClient::close);
        Await.until("all closed", WAIT, () -> monitor.closed() == connections && transport.openStreams() == 0);
        assertEquals(List.of(), monitor.errors());
    }

    @Test
    void clientHalfCloseReachesThePodAndTheAnswerStillArrives() throws Exception {
        backend(Backend.replyAfterEof(LOOPS.group()));
        TestClient client = connect(start());

        client.send("hello pod");
        client.shutdownOutput();

        client.closed().get(5, TimeUnit.SECONDS);
        assertEquals("received 9 bytes", client.text());
    }

    @Test
    void podEndOfStreamClosesTheClientOnlyAfterEveryByteArrived() throws Exception {
        long size = 4 * MIB;
        backend(Backend.firehose(LOOPS.group(), size));
        TestClient client = connect(start());

        client.closed().get(10, TimeUnit.SECONDS);

        assertEquals(size, client.received());
        assertEquals(-1, client.patternMismatchAt());
    }

    @Test
    void httpLogGetsCopiesOfBothDirectionsAndTheBytesStayIntact() throws Exception {
        backend(Backend.announcing(LOOPS.group(), "pod-a"));
        RecordingLog log = new RecordingLog();
        context.httpLog(log);
        TestClient client = connect(start());

        client.send("GET / HTTP/1.1\r\n\r\n");
        Await.until("echo", WAIT, () -> client.text().equals("pod-a\nGET / HTTP/1.1\r\n\r\n"));
        client.close();

        Await.until("tap closed", WAIT, () -> log.closed);
        assertEquals("GET / HTTP/1.1\r\n\r\n", String.join("", log.client));
        assertEquals("pod-a\nGET / HTTP/1.1\r\n\r\n", String.join("", log.server));
        assertEquals("1", log.connectionId);
    }

    @Test
    void failingHttpLogNeverBreaksTheConnection() throws Exception {
        backend(Backend.echo(LOOPS.group()));
        context.httpLog((config, id) -> {
            throw new IllegalStateException("log directory is not writable");
        });
        TestClient client = connect(start());

        client.sendPattern(MIB);

        Await.until("echo", WAIT, () -> client.received() == MIB);
        assertEquals(-1, client.patternMismatchAt());
    }

    /** Keeps what the tap got as text and releases the copies, as the real log does. */
    private static final class RecordingLog implements HttpLogService {
        final List<String> client = new CopyOnWriteArrayList<>();
        final List<String> server = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile String connectionId;

        @Override
        public HttpTap open(ForwardConfig config, String id) {
            connectionId = id;
            return new HttpTap() {
                @Override
                public void clientBytes(ByteBuf copy) {
                    client.add(consume(copy));
                }

                @Override
                public void serverBytes(ByteBuf copy) {
                    server.add(consume(copy));
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        private static String consume(ByteBuf copy) {
            try {
                return copy.toString(StandardCharsets.UTF_8);
            } finally {
                copy.release();
            }
        }
    }
}
