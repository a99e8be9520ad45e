package app.kftray.emulator.portforward;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * Delays everything that passes, both ways, by a fixed time on the channel's event loop. Equal delays keep
 * order, so end-of-stream and close never overtake data.
 */
final class LatencyHandler extends ChannelDuplexHandler {
    private final long delayNanos;

    LatencyHandler(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    private void later(ChannelHandlerContext ctx, Runnable action) {
        ctx.executor().schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        later(ctx, () -> ctx.fireChannelRead(msg));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        later(ctx, ctx::fireChannelReadComplete);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        later(ctx, () -> ctx.fireUserEventTriggered(evt));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        later(ctx, ctx::fireChannelInactive);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        later(ctx, () -> ctx.write(msg, promise));
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        later(ctx, ctx::flush);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        later(ctx, () -> ctx.close(promise));
    }
}
