package app.kftray.kube.internal.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the server when nothing was heard from it for an interval (which also keeps an idle connection open through
 * proxies), and closes the connection when two intervals pass after a ping without a word from it: a pong, data
 * or an error all count. Silence is not judged while reads are paused for a slow local reader, as nothing can be
 * heard then. Needs an {@link io.netty.handler.timeout.IdleStateHandler} for reader idleness in front of it.
 */
final class KeepAlivePinger extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KeepAlivePinger.class);
    /** Intervals after a ping that may pass without a word from the server. */
    private static final int UNANSWERED_LIMIT = 2;

    private int pingsUnanswered;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        pingsUnanswered = 0;
        super.channelRead(ctx, msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            pingsUnanswered = 0;
        } else if (pingsUnanswered >= UNANSWERED_LIMIT) {
            LOG.info("port-forward stream to {}: no answer to {} pings, closing it", ctx.channel().remoteAddress(),
                    pingsUnanswered);
            ctx.close();
            return;
        }
        pingsUnanswered++;
        ctx.writeAndFlush(new PingWebSocketFrame());
    }
}
