package app.kftray.net;

import app.kftray.api.ForwardMonitor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reports an accepted client connection to its forward's monitor, from accept to close. Put it
 * first in the pipeline: it reports the opening before any other handler acts, and the closing
 * after every other handler has let go of the connection (closed its pod stream, say).
 */
public final class ConnectionAccounting extends ChannelInboundHandlerAdapter {
    private final ForwardMonitor monitor;
    private String peer;

    /** @param monitor the forward's monitor */
    public ConnectionAccounting(ForwardMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = String.valueOf(ctx.channel().remoteAddress());
        monitor.connectionOpened(peer);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.fireChannelInactive();
        monitor.connectionClosed(peer);
    }
}
