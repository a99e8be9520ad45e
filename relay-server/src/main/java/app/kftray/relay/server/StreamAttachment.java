package app.kftray.relay.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splices a data stream from the local side with the cluster client it attached to, once both run on the
 * stream's event loop. The two were accepted independently, usually on different loops; a splice across
 * loops hands every write, and every read request after it, to the other thread (four wake-ups per
 * request and reply), so the client is moved to the stream's loop first. What the stream delivers
 * meanwhile (bytes behind its ATTACH line, an end of input) is held and passed on after.
 */
final class StreamAttachment extends InputHoldingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAttachment.class);

    private final RelayConfig config;
    private final String id;
    private final Channel client;

    /**
     * @param config the relay's settings (the client's idle timeout)
     * @param id     the connection's id, for the log
     * @param client the waiting cluster client, its reads still off
     */
    StreamAttachment(RelayConfig config, String id, Channel client) {
        this.config = config;
        this.id = id;
        this.client = client;
    }

    /** Moves the client to this stream's loop if needed, then splices; call on the stream's loop. */
    void start(ChannelHandlerContext ctx) {
        Channel stream = ctx.channel();
        if (client.eventLoop() == stream.eventLoop()) {
            splice(ctx);
            return;
        }
        client.deregister().addListener(deregistered -> stream.eventLoop().register(client).addListener(registered -> {
            if (registered.isSuccess()) {
                restartIdleTimer();
                splice(ctx);
            } else {
                LOG.warn("event=attach_failed connection={} client={} error=\"{}\"", id, Channels.peer(client),
                        registered.cause().toString());
                client.close();
                ctx.close();
            }
        }));
    }

    /** The idle timer's tasks were scheduled on the client's previous loop; a new one runs on its current loop. */
    private void restartIdleTimer() {
        ChannelPipeline pipeline = client.pipeline();
        if (pipeline.get(IdleStateHandler.class) != null) {
            pipeline.replace(IdleStateHandler.class, "idle-timer", ReverseClusterInitializer.idleTimer(config));
        }
    }

    private void splice(ChannelHandlerContext ctx) {
        Channel stream = ctx.channel();
        if (!client.isActive() || !stream.isActive()) {
            discardHeld();
            client.close();
            stream.close();
            return;
        }
        SpliceHandler toClient = new SpliceHandler(client);
        ctx.pipeline().replace(this, "splice", toClient);
        client.pipeline().replace(ReverseClusterInitializer.ANNOUNCE, "splice", new SpliceHandler(stream));
        LOG.info("event=attached connection={} client={} stream={}", id, Channels.peer(client), Channels.peer(stream));
        replayTo(toClient, ctx.pipeline().context(toClient));
        client.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        client.close();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("event=stream_error connection={} stream={} error=\"{}\"", id, Channels.peer(ctx.channel()),
                cause.toString());
        ctx.close();
    }
}
