package app.kftray.relay.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a client that connected from the cluster in reverse mode: the idle timeout, then a
 * handler that announces it to the local side; the data stream's splice replaces that handler.
 */
final class ReverseClusterInitializer extends FlowInitializer {
    private final ReverseHub hub;

    ReverseClusterInitializer(RelayConfig config, ChannelGroup flows, ReverseHub hub) {
        super(config, flows);
        this.hub = hub;
    }

    @Override
    protected void addHandlers(ChannelPipeline pipeline) {
        if (config.tcpIdleTimeout().toMillis() > 0) {
            pipeline.addLast(idleTimer(config), IdleCloseHandler.INSTANCE);
        }
        pipeline.addLast(ANNOUNCE, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                hub.clusterConnected(ctx.channel());
            }
        });
    }

    /** @return the timer that ends a cluster client idle (no byte either way) for the configured time */
    static IdleStateHandler idleTimer(RelayConfig config) {
        return new IdleStateHandler(0, 0, config.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Name of the handler a data stream's splice replaces. */
    static final String ANNOUNCE = "announce";
}
