package app.kftray.relay.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * Registers every accepted client stream as a flow (so shutdown can close it) and lets the
 * proxy type build the rest of its pipeline; above the connection limit a new stream is closed at once.
 */
abstract class FlowInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(FlowInitializer.class);

    protected final RelayConfig config;
    private final ChannelGroup flows;

    FlowInitializer(RelayConfig config, ChannelGroup flows) {
        this.config = config;
        this.flows = flows;
    }

    @Override
    protected final void initChannel(SocketChannel ch) {
        if (flows.size() >= config.maxConnections()) {
            LOG.warn("event=connection_limit client={} open={} limit={}", Channels.peer(ch), flows.size(),
                    config.maxConnections());
            ch.close();
            return;
        }
        flows.add(ch);
        addHandlers(ch.pipeline());
    }

    /** @param pipeline the new client stream's pipeline, still empty */
    protected abstract void addHandlers(ChannelPipeline pipeline);
}
