package app.kftray.relay.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a client stream when the {@code IdleStateHandler} before it reports it idle. */
@Sharable
final class IdleCloseHandler extends ChannelInboundHandlerAdapter {

    static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

    private static final Logger LOG = LoggerFactory.getLogger(IdleCloseHandler.class);

    private IdleCloseHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            LOG.info("event=idle_timeout flow={} client={} state={}",
                    Channels.flowId(ctx.channel()), Channels.peer(ctx.channel()), idle.state());
            Channels.closeOnFlush(ctx.channel());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
