package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardMonitor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Reports each accepted client connection to the forward's monitor, from accept to close. */
final class ConnectionAccounting extends ChannelInboundHandlerAdapter {
    private final ForwardMonitor monitor;
    private String peer;

    ConnectionAccounting(ForwardMonitor monitor) {
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
        monitor.connectionClosed(peer);
        ctx.fireChannelInactive();
    }
}
