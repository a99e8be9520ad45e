package app.kftray.emulator.portforward;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Makes a connection a black hole, as a dead VPN or a sleeping peer does: whatever arrives is dropped
 * unanswered (pings too), nothing more is sent, and no reset or close ever reaches the client.
 */
@Sharable
final class Blackhole extends ChannelDuplexHandler {
    static final Blackhole INSTANCE = new Blackhole();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.setSuccess();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // nothing leaves
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        promise.setSuccess(); // the server side "closing" is never seen by the client
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // swallowed like everything else
    }
}
