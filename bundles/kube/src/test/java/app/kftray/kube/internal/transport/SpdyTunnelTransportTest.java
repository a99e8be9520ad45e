package app.kftray.kube.internal.transport;

import static app.kftray.emulator.ContainerPort.containerPort;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.NetworkRuntime;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.PodRef;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.kube.internal.cluster.ClusterClients;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiplexed port-forward transport (SPDY tunneled over WebSocket) against the emulator. */
class SpdyTunnelTransportTest {
    private static final int ECHO = 8080;
    private static final int GREETER = 8081;
    private static final int REFUSING = 9999;
    /** Tunnels close soon after their last stream; pings as in production (liveness is HostileConditionsTransportTest's). */
    private static final TunnelSettings FAST = new TunnelSettings(10_000, 300, 64 * 1024, 5_000);

    @TempDir
    static Path dir;

    private static KubeEmulator emulator;
    private static EchoServer echo;
    private static Greeter greeter;
    private static EventLoopGroup group;
    private static ClusterRef cluster;
    private static PodRef pod;

    private ClusterClients clusters;
    private MultiplexedPortForwardTransport transport;

    @BeforeAll
    static void startCluster() throws Exception {
        echo = EchoServer.start();
        greeter = new Greeter();
        emulator = KubeEmulator.start();
        emulator.namespace("dev").pod("mux-1", Map.of("app", "mux"),
                List.of(containerPort("echo", ECHO), containerPort("greet", GREETER), containerPort("none", REFUSING)),
                Map.of(ECHO, echo.address(), GREETER, greeter.address()));
        cluster = new ClusterRef(emulator.writeKubeconfig(dir.resolve("config"), "dev").toString(), null);
        pod = new PodRef(cluster, "dev", "mux-1", null);
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        emulator.close();
        echo.close();
        greeter.close();
    }

    @BeforeEach
    void newTransport() {
        clusters = new ClusterClients();
        NetworkRuntime network = () -> group;
        transport = new MultiplexedPortForwardTransport(clusters, network, FAST);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
        clusters.closeAll();
        await("the server saw every tunnel close", () -> emulator.openPortForwards() == 0);
    }

    private PodStream open(PodRef target, int port, CollectingReceiver receiver, EventLoop loop) throws Exception {
        return transport.open(target, port, receiver, loop).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] random(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void send(PodStream stream, byte[] payload) throws Exception {
        for (int off = 0; off < payload.length; off += 16 * 1024) {
            int length = Math.min(16 * 1024, payload.length - off);
            stream.write(Unpooled.wrappedBuffer(payload, off, length)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void manyStreamsShareOneApiServerConnectionPerEventLoop() throws Exception {
        List<EventLoop> loops = List.of(group.next(), group.next());
        List<PodStream> streams = new ArrayList<>();
        List<CollectingReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CollectingReceiver receiver = new CollectingReceiver();
            receivers.add(receiver);
            streams.add(open(pod, ECHO, receiver, loops.get(i % 2)));
        }
        assertEquals(2, emulator.openPortForwards(), "one tunnel per event loop");
        assertEquals(2, transport.tunnels());
        for (int i = 0; i < streams.size(); i++) {
            send(streams.get(i), random(64 * 1024, i));
        }
        for (int i = 0; i < streams.size(); i++) {
            assertArrayEquals(random(64 * 1024, i), receivers.get(i).await(64 * 1024), "stream " + i);
        }
        streams.forEach(PodStream::close);
        for (CollectingReceiver receiver : receivers) {
            assertNull(receiver.closed.get(5, TimeUnit.SECONDS));
        }
        await("idle tunnels close", () -> transport.tunnels() == 0 && emulator.openPortForwards() == 0);
    }

    @Test
    void concurrentOpensShareOneHandshakeAndAllGetTheirStreams() throws Exception {
        EventLoop loop = group.next();
        List<CompletableFuture<PodStream>> opening = new ArrayList<>();
        // more than are set up at once: the rest wait their turn
        for (int i = 0; i < 3 * SpdyTunnel.MAX_SETTING_UP; i++) {
            opening.add(transport.open(pod, ECHO, new CollectingReceiver(), loop).toCompletableFuture());
        }
        List<PodStream> streams = new ArrayList<>();
        for (CompletableFuture<PodStream> stream : opening) {
            streams.add(stream.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, emulator.openPortForwards());
        streams.forEach(PodStream::close);
    }

    @Test
    void localHalfCloseLetsThePodFinishSending() throws Exception {
        CollectingReceiver receiver = new CollectingReceiver();
        PodStream stream = open(pod, ECHO, receiver, group.next());
        byte[] payload = random(512 * 1024, 1);
        send(stream, payload);
        stream.shutdownOutput();
        // the echo pod sees the end of input, sends the rest back, then closes
        assertNull(receiver.closed.get(10, TimeUnit.SECONDS));
        assertArrayEquals(payload, receiver.await(payload.length));
    }

    @Test
    void podHalfCloseDeliversEverythingThenEndsCleanly() throws Exception {
        CollectingReceiver receiver = new CollectingReceiver();
        open(pod, GREETER, receiver, group.next());
        assertNull(receiver.closed.get(10, TimeUnit.SECONDS));
        assertEquals(Greeter.GREETING, new String(receiver.await(Greeter.GREETING.length()), StandardCharsets.UTF_8));
    }

    @Test
    void anErrorMessageFailsOnlyItsOwnStream() throws Exception {
        EventLoop loop = group.next();
        CollectingReceiver healthy = new CollectingReceiver();
        PodStream stream = open(pod, ECHO, healthy, loop);
        CollectingReceiver refused = new CollectingReceiver();
        Throwable error;
        try {
            open(pod, REFUSING, refused, loop);
            error = refused.closed.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            error = e.getCause();
        }
        KubeException kube = assertInstanceOf(KubeException.class, error);
        assertTrue(kube.getMessage().contains("error forwarding port " + REFUSING), kube.getMessage());
        assertTrue(kube.getMessage().contains("connection refused"), kube.getMessage());
        byte[] payload = random(100_000, 2);
        send(stream, payload);
        assertArrayEquals(payload, healthy.await(payload.length), "the other stream on the tunnel still works");
        assertEquals(1, emulator.openPortForwards());
        assertTrue(!healthy.closed.isDone());
        stream.close();
    }

    /** Asks for a stream on the loop itself, so no reply can be read before the open call has returned. */
    private CompletableFuture<PodStream> openOnLoop(EventLoop loop, boolean pipelined, CollectingReceiver receiver,
                                                    int port, CompletableFuture<Boolean> doneAtOnce) throws Exception {
        return loop.submit(() -> {
            CompletableFuture<PodStream> opening = (pipelined ? transport.openPipelined(pod, port, receiver, loop)
                    : transport.open(pod, port, receiver, loop)).toCompletableFuture();
            doneAtOnce.complete(opening.isDone());
            return opening;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPipelinedStreamIsHandedOutBeforeTheServerRepliesAndItsFirstBytesGoThrough() throws Exception {
        EventLoop loop = group.next();
        PodStream warm = open(pod, ECHO, new CollectingReceiver(), loop); // the tunnel is open
        CompletableFuture<Boolean> plainAtOnce = new CompletableFuture<>();
        PodStream plain = openOnLoop(loop, false, new CollectingReceiver(), ECHO, plainAtOnce)
                .get(10, TimeUnit.SECONDS);
        assertFalse(plainAtOnce.get(), "a plain open waits for the server's reply");

        CollectingReceiver receiver = new CollectingReceiver();
        CompletableFuture<Boolean> pipelinedAtOnce = new CompletableFuture<>();
        PodStream stream = openOnLoop(loop, true, receiver, ECHO, pipelinedAtOnce).get(10, TimeUnit.SECONDS);
        assertTrue(pipelinedAtOnce.get(), "a pipelined open is handed out as soon as it is asked for");
        byte[] payload = random(300_000, 5);
        send(stream, payload);
        assertArrayEquals(payload, receiver.await(payload.length));
        assertEquals(1, emulator.openPortForwards());
        List.of(warm, plain, stream).forEach(PodStream::close);
        assertNull(receiver.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPipelinedStreamToARefusedPortEndsThroughItsReceiverAndSparesTheOthers() throws Exception {
        EventLoop loop = group.next();
        CollectingReceiver healthy = new CollectingReceiver();
        PodStream other = open(pod, ECHO, healthy, loop);
        CollectingReceiver refused = new CollectingReceiver();
        CompletableFuture<Boolean> atOnce = new CompletableFuture<>();
        PodStream stream = openOnLoop(loop, true, refused, REFUSING, atOnce).get(10, TimeUnit.SECONDS);
        assertTrue(atOnce.get());
        stream.write(Unpooled.wrappedBuffer(random(1000, 6))); // data for a stream the server then refuses
        KubeException kube = assertInstanceOf(KubeException.class, refused.closed.get(10, TimeUnit.SECONDS));
        assertTrue(kube.getMessage().contains("error forwarding port " + REFUSING), kube.getMessage());
        assertTrue(kube.getMessage().contains("connection refused"), kube.getMessage());
        byte[] payload = random(100_000, 7);
        send(other, payload);
        assertArrayEquals(payload, healthy.await(payload.length), "the other stream on the tunnel still works");
        assertFalse(healthy.closed.isDone());
        other.close();
    }

    @Test
    void pipelinedStreamsAskedForDuringTheDialAreHandedOutOnceItIsOpen() throws Exception {
        EventLoop loop = group.next();
        List<CollectingReceiver> receivers = new ArrayList<>();
        List<CompletableFuture<PodStream>> opening = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CollectingReceiver receiver = new CollectingReceiver();
            receivers.add(receiver);
            opening.add(transport.openPipelined(pod, ECHO, receiver, loop).toCompletableFuture());
        }
        for (int i = 0; i < opening.size(); i++) {
            PodStream stream = opening.get(i).get(10, TimeUnit.SECONDS);
            send(stream, random(20_000, 10 + i));
            assertArrayEquals(random(20_000, 10 + i), receivers.get(i).await(20_000), "stream " + i);
            stream.close();
        }
        assertEquals(1, emulator.openPortForwards());
    }

    @Test
    void aTunnelKilledMidTransferEndsItsStreamsAndTheNextOpenDialsAgain() throws Exception {
        EventLoop loop = group.next();
        List<CollectingReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CollectingReceiver receiver = new CollectingReceiver();
            receivers.add(receiver);
            PodStream stream = open(pod, ECHO, receiver, loop);
            send(stream, random(200_000, i));
        }
        assertEquals(1, emulator.faults().dropPortForwards());
        for (CollectingReceiver receiver : receivers) {
            KubeException lost = assertInstanceOf(KubeException.class, receiver.closed.get(10, TimeUnit.SECONDS));
            assertEquals(Reason.UNREACHABLE, lost.reason(), lost.getMessage());
        }
        CollectingReceiver again = new CollectingReceiver();
        PodStream stream = open(pod, ECHO, again, loop);
        send(stream, random(1000, 9));
        assertArrayEquals(random(1000, 9), again.await(1000));
        stream.close();
    }

    @Test
    void cancellingWhileOpeningReleasesTheStream() throws Exception {
        EventLoop loop = group.next();
        for (int i = 0; i < 200; i++) {
            transport.open(pod, ECHO, new CollectingReceiver(), loop).toCompletableFuture().cancel(false);
        }
        CollectingReceiver receiver = new CollectingReceiver();
        PodStream stream = open(pod, ECHO, receiver, loop);
        send(stream, random(1000, 3));
        assertArrayEquals(random(1000, 3), receiver.await(1000));
        stream.close();
        await("the tunnel closes once idle: no stream was left behind",
                () -> transport.tunnels() == 0 && emulator.openPortForwards() == 0);
    }

    @Test
    void aMissingPodFailsTheOpenWithNotFoundAndKeepsTheTunnelProtocol() throws Exception {
        PodRef ghost = new PodRef(cluster, "dev", "ghost", null);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> open(ghost, ECHO, new CollectingReceiver(), group.next()));
        assertEquals(Reason.NOT_FOUND, ((KubeException) e.getCause()).reason(), e.getCause().getMessage());
        CollectingReceiver receiver = new CollectingReceiver();
        PodStream stream = open(pod, ECHO, receiver, group.next());
        assertEquals(1, transport.tunnels(), "a 404 is no reason to give up the tunnel");
        stream.close();
    }

    @Test
    void aSlowReaderHoldsItsTunnelWithoutLosingOrMixingAnyStreamsData() throws Exception {
        EventLoop loop = group.next();
        CollectingReceiver slow = new CollectingReceiver();
        PodStream paused = open(pod, ECHO, slow, loop);
        CollectingReceiver fast = new CollectingReceiver();
        PodStream busy = open(pod, ECHO, fast, loop);
        paused.setAutoRead(false);
        byte[] slowPayload = random(2 << 20, 4);
        byte[] fastPayload = random(2 << 20, 5);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                send(paused, slowPayload);
                send(busy, fastPayload);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(500);
        assertEquals(0, slow.size(), "a paused stream delivers nothing");
        paused.setAutoRead(true);
        sending.get(30, TimeUnit.SECONDS);
        assertArrayEquals(slowPayload, slow.await(slowPayload.length));
        assertArrayEquals(fastPayload, fast.await(fastPayload.length));
        paused.close();
        busy.close();
    }

    @Test
    void aServerWithoutTheTunnelGetsOneWebSocketPerStream() throws Exception {
        try (KubeEmulator old = KubeEmulator.builder().spdyTunnel(false).start()) {
            old.namespace("dev").pod("old-1", Map.of("app", "old"), List.of(containerPort("echo", ECHO)),
                    echo.address());
            ClusterRef oldCluster = new ClusterRef(old.writeKubeconfig(dir.resolve("old"), "dev").toString(), null);
            PodRef oldPod = new PodRef(oldCluster, "dev", "old-1", null);
            EventLoop loop = group.next();
            List<PodStream> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CollectingReceiver receiver = new CollectingReceiver();
                PodStream stream = open(oldPod, ECHO, receiver, loop);
                send(stream, random(1000, i));
                assertArrayEquals(random(1000, i), receiver.await(1000));
                streams.add(stream);
            }
            assertEquals(3, old.openPortForwards(), "v4.channel.k8s.io: one connection per stream");
            assertEquals(0, transport.tunnels());
            streams.forEach(PodStream::close);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** A pod port that greets, closes its output first, and then waits for the client's end. */
    private static final class Greeter implements AutoCloseable {
        static final String GREETING = "hello from the pod";
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "greeter");

        Greeter() throws java.io.IOException {
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(GREETING.getBytes(StandardCharsets.UTF_8));
                    socket.shutdownOutput();
                    InputStream in = socket.getInputStream();
                    while (in.read() >= 0) {
                        // until the client ends too
                    }
                } catch (java.io.IOException e) {
                    // next connection, or closed
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
