package app.kftray.relay.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * First handler of an accepted TCP client: connects to the target on the client's own event
 * loop (the pair never crosses threads), then hands both channels to {@link SpliceHandler}s.
 * A failed connect closes the client. Input that arrives before the target is connected is
 * held and passed on once it is.
 */
final class TcpConnectHandler extends InputHoldingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnectHandler.class);

    private final RelayConfig config;

    TcpConnectHandler(RelayConfig config) {
        this.config = config;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel inbound = ctx.channel();
        Bootstrap upstream = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(inbound.getClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.RECVBUF_ALLOCATOR, SpliceHandler.readSizes())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new SpliceHandler(inbound));
        long started = System.nanoTime();
        ChannelFuture connect = upstream.connect(config.remoteHost(), config.remotePort());
        connect.addListener(done -> {
            if (done.isSuccess()) {
                spliceWith(ctx, connect.channel(), started);
            } else {
                LOG.warn("event=upstream_connect_failed flow={} client={} upstream={} error=\"{}\"",
                        Channels.flowId(inbound), Channels.peer(inbound), config.remote(), done.cause().toString());
                inbound.close();
            }
        });
    }

    private void spliceWith(ChannelHandlerContext ctx, Channel outbound, long started) {
        Channel inbound = ctx.channel();
        if (!inbound.isActive()) {
            outbound.close();
            return;
        }
        SpliceHandler toUpstream = new SpliceHandler(outbound);
        ctx.pipeline().replace(this, "splice", toUpstream);
        SpliceHandler toClient = outbound.pipeline().get(SpliceHandler.class);
        LOG.info("event=tcp_open flow={} client={} upstream={}",
                Channels.flowId(inbound), Channels.peer(inbound), Channels.peer(outbound));
        inbound.closeFuture().addListener(closed -> LOG.info(
                "event=tcp_closed flow={} client={} bytes_up={} bytes_down={} duration_ms={}",
                Channels.flowId(inbound), Channels.peer(inbound), toUpstream.bytes(), toClient.bytes(),
                Duration.ofNanos(System.nanoTime() - started).toMillis()));
        replayTo(toUpstream, ctx.pipeline().context(toUpstream));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("event=tcp_error flow={} client={} error=\"{}\"",
                Channels.flowId(ctx.channel()), Channels.peer(ctx.channel()), cause.toString());
        ctx.close();
    }
}
