package app.kftray.relay.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * Registers every accepted client stream as a flow (so shutdown can close it) and lets the
 * proxy type build the rest of its pipeline.
 */
abstract class FlowInitializer extends ChannelInitializer<SocketChannel> {

    protected final RelayConfig config;
    private final ChannelGroup flows;

    FlowInitializer(RelayConfig config, ChannelGroup flows) {
        this.config = config;
        this.flows = flows;
    }

    @Override
    protected final void initChannel(SocketChannel ch) {
        flows.add(ch);
        addHandlers(ch.pipeline());
    }

    /** @param pipeline the new client stream's pipeline, still empty */
    protected abstract void addHandlers(ChannelPipeline pipeline);
}
