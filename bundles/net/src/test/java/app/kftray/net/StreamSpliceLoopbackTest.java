package app.kftray.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.PortForwardTransport.StreamReceiver;
import app.kftray.testing.Await;
import app.kftray.testing.RecordingMonitor;
import app.kftray.testing.TestEventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The splice between a real loopback client and a pod stream that sends as fast as it is let:
 * a client that stops reading stops the pod, one that reads again resumes it, and an end on
 * either side ends the other.
 */
class StreamSpliceLoopbackTest {
    private static final int SMALL_BUFFER = 32 * 1024;
    private static final long TOTAL = 32L * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final TestEventLoops LOOPS = new TestEventLoops();

    private final RecordingMonitor monitor = new RecordingMonitor();
    private final CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
    private Channel server;
    private Socket client;
    private Firehose pod;

    @BeforeEach
    void spliceAConnection() throws Exception {
        server = new ServerBootstrap().group(LOOPS.group()).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // small kernel buffers, so that the splice's own write buffer is what fills up
                .childOption(ChannelOption.SO_SNDBUF, SMALL_BUFFER)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connection.pipeline().addLast(new ConnectionAccounting(monitor));
                        accepted.complete(connection);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        client = new Socket();
        client.setReceiveBufferSize(SMALL_BUFFER);
        client.connect(server.localAddress());
        SocketChannel connection = accepted.get(5, TimeUnit.SECONDS);
        StreamSplice splice = new StreamSplice(connection, new ConnectionMonitor(monitor, "connection from test"));
        pod = new Firehose(connection.eventLoop(), splice);
        connection.eventLoop().submit(() -> {
            connection.pipeline().addLast(splice);
            splice.attach(pod);
        }).sync();
    }

    @AfterEach
    void closeAll() throws IOException {
        client.close();
        server.close().syncUninterruptibly();
    }

    @Test
    void aClientThatStopsReadingStopsThePodAndReadingAgainResumesIt() throws Exception {
        Await.until("the pod to be told to stop", WAIT, () -> pod.autoReads.contains(false) && !pod.pumping);
        long stalledAt = pod.sent;
        System.out.printf("stalled client: the pod sent %d KiB of %d KiB%n", stalledAt / 1024, TOTAL / 1024);
        assertTrue(stalledAt < TOTAL / 8, "the pod kept sending: " + stalledAt + " bytes");

        long received = readToEnd(client.getInputStream());

        assertEquals(TOTAL, received, "every byte arrives once the client reads again");
        List<Boolean> autoReads = List.copyOf(pod.autoReads);
        assertTrue(autoReads.lastIndexOf(true) > autoReads.indexOf(false), "reading resumed: " + autoReads);
        assertEquals(TOTAL, monitor.bytesIn());
        Await.until("the client connection closed after the pod's end", WAIT, () -> monitor.closed() == 1);
        assertEquals(List.of(), monitor.errors());
    }

    @Test
    void theClientClosingClosesThePodStream() throws Exception {
        client.close();

        Await.until("the pod stream closed", WAIT, () -> pod.closed);
    }

    private static long readToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != Firehose.patternAt(total + i)) {
                    throw new AssertionError("corrupted byte at " + (total + i));
                }
            }
            total += n;
        }
        return total;
    }

    /**
     * A pod stream that sends {@link #TOTAL} bytes, a chunk per loop turn, while the splice lets
     * it read (as a real stream's channel reads while its autoRead is on), then ends.
     */
    private static final class Firehose extends FakePodStream {
        private static final int CHUNK = 16 * 1024;
        private final EventLoop loop;
        private final StreamReceiver receiver;
        volatile boolean reading;
        volatile boolean pumping;
        volatile long sent;

        Firehose(EventLoop loop, StreamReceiver receiver) {
            this.loop = loop;
            this.receiver = receiver;
        }

        static byte patternAt(long offset) {
            return (byte) (offset % 251);
        }

        @Override
        public void setAutoRead(boolean read) {
            super.setAutoRead(read);
            reading = read;
            if (read && !pumping) {
                pumping = true;
                loop.execute(this::pump);
            }
        }

        private void pump() {
            if (!reading || closed || sent >= TOTAL) {
                pumping = false;
                return;
            }
            ByteBuf chunk = Unpooled.buffer(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                chunk.writeByte(patternAt(sent + i));
            }
            sent += CHUNK;
            receiver.onData(chunk);
            if (sent >= TOTAL) {
                pumping = false;
                receiver.onClosed(null);
                return;
            }
            loop.execute(this::pump);
        }
    }
}
