package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.RunningForward;
import app.kftray.net.BindFailure;
import app.kftray.net.ListenAddress;
import app.kftray.net.SocketKind;
import app.kftray.net.SocketRelease;
import app.kftray.relay.protocol.DatagramFraming;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** One bound local UDP socket and the relay flows of its peers. */
final class UdpForward implements RunningForward {
    /** Room for bursts from several peers before the kernel drops datagrams. */
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final Channel socket;
    private final PeerFlows flows;
    private final Consumer<UdpForward> onStopped;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private UdpForward(Channel socket, PeerFlows flows, Consumer<UdpForward> onStopped) {
        this.socket = socket;
        this.flows = flows;
        this.onStopped = onStopped;
    }

    /**
     * Binds the forward's local address and starts serving peers; blocks until bound.
     *
     * @param context     the forward
     * @param idleTimeout how long a peer's flow may be idle before it is closed
     * @param onStopped   told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address when binding fails
     */
    static UdpForward bind(ForwardContext context, Duration idleTimeout, Consumer<UdpForward> onStopped) {
        InetSocketAddress address = ListenAddress.of(context.config());
        PeerHandler handler = new PeerHandler();
        ChannelFuture bound = new Bootstrap()
                .group(context.group())
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                // up to the largest frame payload (an IPv6 datagram can be larger: it is refused, not cut)
                .option(ChannelOption.RECVBUF_ALLOCATOR, DatagramFraming.datagramReads(DatagramFraming.MAX_DATAGRAM_BYTES))
                .handler(handler)
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw BindFailure.describe(context.config(), SocketKind.UDP, address, bound.cause());
        }
        Channel socket = bound.channel();
        PeerFlows flows = new PeerFlows(context, socket, idleTimeout);
        handler.flows = flows;
        return new UdpForward(socket, flows, onStopped);
    }

    @Override
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) socket.localAddress();
    }

    /** Closes every flow; the next datagram of each peer opens a flow to the new target. */
    @Override
    public void targetChanged() {
        socket.eventLoop().execute(flows::closeAll);
    }

    @Override
    public CompletionStage<Void> stop() {
        socket.eventLoop().execute(() -> {
            flows.stop();
            SocketRelease.close(socket).whenComplete((released, failure) -> {
                onStopped.accept(this);
                stopped.complete(null);
            });
        });
        return stopped;
    }

    /** @return flows open right now; call on any thread (a snapshot taken on the event loop) */
    int openFlows() {
        return socket.eventLoop().submit(flows::size).syncUninterruptibly().getNow();
    }

    /** Hands local datagrams to the peer flows (set once bound, before the first read completes). */
    private static final class PeerHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private volatile PeerFlows flows;

        PeerHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            PeerFlows current = flows;
            if (current == null) {
                packet.release();
                return;
            }
            current.fromPeer(packet);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            PeerFlows current = flows;
            if (current != null) {
                current.flushBatches();
            }
        }
    }
}
