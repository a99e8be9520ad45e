package app.kftray.relay.server;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** Pipeline of an accepted client in TCP mode: optional idle timeout, then the proxy. */
final class TcpRelayInitializer extends FlowInitializer {

    TcpRelayInitializer(RelayConfig config, ChannelGroup flows) {
        super(config, flows);
    }

    @Override
    protected void addHandlers(ChannelPipeline pipeline) {
        long idleMillis = config.tcpIdleTimeout().toMillis();
        if (idleMillis > 0) {
            pipeline.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS), IdleCloseHandler.INSTANCE);
        }
        pipeline.addLast(new TcpConnectHandler(config));
    }
}
