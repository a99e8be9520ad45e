package app.kftray.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.testing.TestEventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without the release step most of these rebinds fail with "address already in use". */
class SocketReleaseTest {
    private static final int ROUNDS = 200;
    @RegisterExtension
    static final TestEventLoops LOOPS = new TestEventLoops();

    @Test
    void aReleasedDatagramPortCanBeBoundAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Channel socket = new Bootstrap().group(LOOPS.group()).channel(NioDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).bind("127.0.0.1", 0).sync().channel();
            InetSocketAddress address = (InetSocketAddress) socket.localAddress();

            SocketRelease.close(socket).get(5, TimeUnit.SECONDS);

            try (DatagramSocket again = new DatagramSocket(address)) {
                assertEquals(address.getPort(), again.getLocalPort());
            }
        }
    }

    @Test
    void aReleasedListenerAndItsConnectionsFreeThePortAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS / 4; round++) {
            ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            Channel listener = new ServerBootstrap().group(LOOPS.group()).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel connection) {
                            accepted.add(connection);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            InetSocketAddress address = (InetSocketAddress) listener.localAddress();
            try (Socket client = new Socket(address.getAddress(), address.getPort())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (accepted.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(1, accepted.size(), "the connection was accepted");

                SocketRelease.close(listener).thenCompose(free -> SocketRelease.close(accepted))
                        .get(5, TimeUnit.SECONDS);

                try (ServerSocket again = new ServerSocket()) {
                    again.setReuseAddress(true);
                    again.bind(address);
                }
                assertEquals(-1, client.getInputStream().read(), "the client saw the close");
            }
        }
    }

    @Test
    void closingAnAlreadyClosedChannelStillCompletes() throws Exception {
        Channel socket = new Bootstrap().group(LOOPS.group()).channel(NioDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).bind("127.0.0.1", 0).sync().channel();
        socket.close().sync();
        SocketRelease.close(socket).get(5, TimeUnit.SECONDS);
        assertTrue(SocketRelease.close(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).isDone());
    }
}
