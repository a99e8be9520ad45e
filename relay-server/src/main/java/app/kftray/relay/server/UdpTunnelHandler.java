package app.kftray.relay.server;

import app.kftray.relay.protocol.DatagramFraming;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One UDP flow: a client stream of frames and one UDP socket, connected to the target, on
 * the stream's event loop. Every decoded datagram is sent; every reply is framed back by
 * {@link UdpReplyHandler}. Zero-length frames are keep-alives and send nothing. A framing
 * error closes this stream only. The datagrams decoded from one read of the stream leave
 * together when the read is complete (one sendmmsg on epoll); the stream pauses only while the
 * UDP socket cannot take them.
 */
final class UdpTunnelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTunnelHandler.class);

    /** UDP is lossy by nature: a failed send is reported and the flow carries on. */
    private static final ChannelFutureListener LOG_SEND_FAILURE = written -> {
        if (!written.isSuccess()) {
            LOG.debug("event=udp_send_failed target={} error=\"{}\"",
                    Channels.address(written.channel().remoteAddress()), written.cause().toString());
        }
    };

    private final RelayConfig config;
    private final RelayTransport transport;
    private final EarlyInput early = new EarlyInput();
    private Channel datagram;
    /** The last datagram written since the last flush; null when nothing waits for a flush. */
    private ChannelFuture unflushed;
    private UdpReplyHandler replies;
    private long sent;
    private long keepAlives;
    private long started;

    UdpTunnelHandler(RelayConfig config, RelayTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel stream = ctx.channel();
        started = System.nanoTime();
        replies = new UdpReplyHandler(stream, config.maxDatagramBytes());
        Bootstrap udp = new Bootstrap()
                .group(stream.eventLoop())
                .channel(transport.datagramChannel())
                .option(ChannelOption.RECVBUF_ALLOCATOR, DatagramFraming.datagramReads(config.maxDatagramBytes()))
                .handler(replies);
        ChannelFuture connect = udp.connect(config.remoteHost(), config.remotePort());
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.warn("event=udp_open_failed flow={} client={} target={} error=\"{}\"",
                        Channels.flowId(stream), Channels.peer(stream), config.remote(), done.cause().toString());
                stream.close();
                return;
            }
            datagram = connect.channel();
            datagram.closeFuture().addListener(closed -> stream.close());
            LOG.info("event=udp_open flow={} client={} target={} local={}", Channels.flowId(stream),
                    Channels.peer(stream), Channels.address(datagram.remoteAddress()),
                    Channels.address(datagram.localAddress()));
            if (stream.isActive()) {
                replayEarlyInput(ctx);
                readFreely(stream);
            } else {
                datagram.close();
            }
        });
    }

    /**
     * From now on the stream is read whenever it has data: asking for each read would re-arm
     * the socket's readiness (two system calls on epoll) for every few datagrams. The UDP socket
     * is the only thing to wait for, and only when it cannot take a pass's datagrams at once.
     */
    private static void readFreely(Channel stream) {
        if (!Channels.inputEnded(stream)) {
            stream.config().setAutoRead(true);
        }
    }

    private void replayEarlyInput(ChannelHandlerContext ctx) {
        try {
            early.replayTo(this, ctx);
        } catch (Exception e) {
            exceptionCaught(ctx, e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (datagram == null) {
            early.hold(msg);
            return;
        }
        ByteBuf payload = (ByteBuf) msg;
        if (!payload.isReadable()) {
            keepAlives++;
            payload.release();
            return;
        }
        if (!datagram.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        sent++;
        unflushed = datagram.write(payload);
        unflushed.addListener(LOG_SEND_FAILURE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed == null) {
            return;
        }
        ChannelFuture last = unflushed;
        unflushed = null;
        datagram.flush();
        if (!last.isDone()) {
            // the socket's buffer is full: read on once the last (and so every) datagram has left
            ctx.channel().config().setAutoRead(false);
            last.addListener(done -> readFreely(ctx.channel()));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // Replies have no backpressure of their own: while the client reads slowly, leave them
        // in the socket buffer, where the kernel drops what does not fit, as UDP would.
        if (datagram != null) {
            datagram.config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (datagram == null) {
                early.ended();
                return;
            }
            lingerForReplies(ctx);
        }
        super.userEventTriggered(ctx, evt);
    }

    /** The client sent its last frame: deliver replies until none came for the reply wait. */
    private void lingerForReplies(ChannelHandlerContext ctx) {
        long waitMillis = config.udpReplyWait().toMillis();
        if (waitMillis == 0) {
            Channels.closeOnFlush(ctx.channel());
            return;
        }
        ctx.pipeline().replace(UdpTunnelInitializer.IDLE, UdpTunnelInitializer.IDLE,
                new IdleStateHandler(0, waitMillis, 0, TimeUnit.MILLISECONDS));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        early.discard();
        if (datagram != null) {
            datagram.close();
            LOG.info("event=udp_closed flow={} client={} datagrams_sent={} replies={} replies_dropped={} "
                            + "keepalives={} duration_ms={}", Channels.flowId(ctx.channel()),
                    Channels.peer(ctx.channel()), sent, replies.forwarded(), replies.dropped(), keepAlives,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.error("event=bad_frame flow={} client={} error=\"{}\" action=close_stream",
                    Channels.flowId(ctx.channel()), Channels.peer(ctx.channel()), cause.getMessage());
        } else {
            LOG.warn("event=udp_stream_error flow={} client={} error=\"{}\"",
                    Channels.flowId(ctx.channel()), Channels.peer(ctx.channel()), cause.toString());
        }
        ctx.close();
    }
}
