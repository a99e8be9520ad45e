package app.kftray.relay.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves bytes from its channel to a peer channel, one read in flight: the next read is
 * requested only once the previous write succeeded, so a slow reader on one side stops the
 * relay from reading the other (bounded memory). An end of input is passed on as a half-close
 * of the peer's output; when both directions have ended, both channels close.
 */
final class SpliceHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SpliceHandler.class);

    private final Channel peer;
    private long bytes;

    /**
     * With reads off, each {@code read()} is a single socket read; letting it grow to 256 KiB
     * (Netty's default stops at 64 KiB) cuts the per-read cost of bulk transfers.
     */
    static AdaptiveRecvByteBufAllocator readSizes() {
        return new AdaptiveRecvByteBufAllocator(64, 2048, 256 * 1024);
    }

    SpliceHandler(Channel peer) {
        this.peer = peer;
    }

    /** @return bytes moved to the peer so far; read on the channel's event loop */
    long bytes() {
        return bytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf buf) {
            bytes += buf.readableBytes();
        }
        peer.writeAndFlush(msg).addListener(written -> {
            if (written.isSuccess()) {
                readMore(ctx.channel());
            } else {
                ctx.channel().close();
            }
        });
    }

    /** Asks for the next read unless the input has ended (epoll refuses to watch it then). */
    private static void readMore(Channel self) {
        if (!Channels.inputEnded(self)) {
            self.read();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            halfClosePeer(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    private void halfClosePeer(Channel self) {
        if (!(peer instanceof DuplexChannel duplexPeer) || !peer.isActive()) {
            Channels.closeOnFlush(peer);
            return;
        }
        // Flush what is queued first: shutting the output down fails pending writes.
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER)
                .addListener(flushed -> duplexPeer.shutdownOutput()
                        .addListener(shut -> closeWhenBothEnded(self, duplexPeer, shut.isSuccess())));
    }

    private static void closeWhenBothEnded(Channel self, DuplexChannel peer, boolean shutdownSucceeded) {
        if (!shutdownSucceeded || (Channels.inputEnded(self) && peer.isInputShutdown())) {
            self.close();
            peer.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channels.closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("event=tcp_error channel={} error=\"{}\"", Channels.peer(ctx.channel()), cause.toString());
        ctx.close();
    }
}
