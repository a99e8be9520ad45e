package app.kftray.relay.server;

import app.kftray.relay.protocol.ReverseFraming;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a stream from the local side in reverse mode (it arrives through a port-forward): a
 * read timeout (a control stream pings more often than that; a data stream must send its first
 * line within it), the line codec, and the handler that checks the secret and decides what the
 * stream is.
 */
final class ReverseStreamInitializer extends FlowInitializer {
    /** Three missed pings of the local side (it pings every 10 s). */
    static final long READ_TIMEOUT_SECONDS = 30;
    static final String TIMEOUT = "read-timeout";

    private final ReverseHub hub;

    ReverseStreamInitializer(RelayConfig config, ChannelGroup flows, ReverseHub hub) {
        super(config, flows);
        this.hub = hub;
    }

    @Override
    protected void addHandlers(ChannelPipeline pipeline) {
        pipeline.addLast(TIMEOUT, new IdleStateHandler(READ_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS));
        pipeline.addLast(IdleCloseHandler.INSTANCE);
        ReverseFraming.addCodec(pipeline);
        pipeline.addLast(new ReverseStreamHandler(config, hub));
    }
}
