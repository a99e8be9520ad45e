package app.kftray.relay.server;

import app.kftray.relay.protocol.DatagramFrameDecoder;
import app.kftray.relay.protocol.DatagramFraming;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** Pipeline of an accepted client in UDP mode: idle timeout, frame decoder, tunnel. */
final class UdpTunnelInitializer extends FlowInitializer {

    /** Name of the idle handler, which the tunnel replaces when the client ends its side. */
    static final String IDLE = "idle";

    private final RelayTransport transport;

    UdpTunnelInitializer(RelayConfig config, ChannelGroup flows, RelayTransport transport) {
        super(config, flows);
        this.transport = transport;
    }

    @Override
    protected void addHandlers(ChannelPipeline pipeline) {
        // replies read from the target in one event-loop pass leave in one TCP write
        pipeline.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, config.udpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast(IdleCloseHandler.INSTANCE);
        // no frame encoder: the reply handler frames the replies of a read pass into one buffer
        pipeline.addLast(DatagramFraming.DECODER_NAME, new DatagramFrameDecoder(config.maxDatagramBytes()));
        pipeline.addLast(new UdpTunnelHandler(config, transport));
    }
}
