package app.kftray.relay.server;

import app.kftray.relay.protocol.ReverseFraming;
import app.kftray.relay.protocol.ReverseMessage;
import app.kftray.relay.protocol.ReverseMessage.Verb;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lines of a stream from the local side. The first must present the secret: {@code CONTROL}
 * makes it the control stream (then {@code PING} and {@code REFUSED} follow), {@code ATTACH} splices it
 * with a waiting cluster client ({@link StreamAttachment}) and turns it into a plain byte stream. A wrong
 * secret, an unknown connection or any other line gets an {@code ERROR} line and the stream is closed.
 */
final class ReverseStreamHandler extends SimpleChannelInboundHandler<ReverseMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseStreamHandler.class);

    private final RelayConfig config;
    private final ReverseHub hub;
    private boolean control;

    ReverseStreamHandler(RelayConfig config, ReverseHub hub) {
        this.config = config;
        this.hub = hub;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReverseMessage msg) {
        if (control) {
            onControlLine(ctx, msg);
        } else if (!authenticated(msg)) {
            reject(ctx, "unauthorized", "event=auth_failed client={} verb={}", msg.verb());
            return;
        } else if (msg.verb() == Verb.CONTROL) {
            control = true;
            // known to the hub before the local side hears OK: a cluster client right after it finds the stream
            hub.controlConnected(ctx.channel());
            ctx.writeAndFlush(ReverseMessage.of(Verb.OK));
            LOG.info("event=control_open client={}", Channels.peer(ctx.channel()));
        } else {
            attach(ctx, msg.arg(1));
            return;
        }
        ctx.read();
    }

    private boolean authenticated(ReverseMessage msg) {
        return (msg.verb() == Verb.CONTROL || msg.verb() == Verb.ATTACH)
                && ReverseFraming.secretMatches(config.secret(), msg.arg(0));
    }

    private void onControlLine(ChannelHandlerContext ctx, ReverseMessage msg) {
        switch (msg.verb()) {
            case PING -> ctx.writeAndFlush(ReverseMessage.of(Verb.PONG));
            case REFUSED -> hub.refused(msg.arg(0));
            default -> reject(ctx, "unexpected-" + msg.verb().name().toLowerCase(java.util.Locale.ROOT),
                    "event=bad_control_line client={} verb={}", msg.verb());
        }
    }

    private void attach(ChannelHandlerContext ctx, String id) {
        Channel client = hub.take(id);
        if (client == null || !client.isActive()) {
            reject(ctx, "unknown-connection", "event=attach_unknown client={} connection={}", id);
            return;
        }
        ctx.writeAndFlush(ReverseMessage.of(Verb.OK));
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(ReverseStreamInitializer.TIMEOUT);
        pipeline.remove(IdleCloseHandler.INSTANCE);
        StreamAttachment attachment = new StreamAttachment(config, id, client);
        pipeline.replace(this, "attach", attachment);
        // bytes read behind the ATTACH line flow into the attachment as the codec leaves
        ReverseFraming.removeCodec(pipeline);
        attachment.start(pipeline.context(attachment));
    }

    private void reject(ChannelHandlerContext ctx, String reason, String logFormat, Object detail) {
        LOG.warn(logFormat, Channels.peer(ctx.channel()), detail);
        ctx.writeAndFlush(ReverseMessage.of(Verb.ERROR, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("event=bad_line client={} error=\"{}\"", Channels.peer(ctx.channel()), cause.toString());
        ctx.close();
    }
}
