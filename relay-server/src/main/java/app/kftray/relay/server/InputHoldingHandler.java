package app.kftray.relay.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * First handler of a stream whose way on is not open yet: holds what the stream delivers meanwhile
 * ({@link EarlyInput}) and hands it to the splice that replaces it.
 */
abstract class InputHoldingHandler extends ChannelInboundHandlerAdapter {
    private final EarlyInput early = new EarlyInput();

    /**
     * Passes what was held to the splice now in this handler's place; call on the stream's loop.
     *
     * @param splice        the splice that replaced this handler
     * @param spliceContext its context
     */
    protected final void replayTo(SpliceHandler splice, ChannelHandlerContext spliceContext) {
        try {
            early.replayTo(splice, spliceContext);
        } catch (Exception e) {
            splice.exceptionCaught(spliceContext, e);
        }
    }

    /** Releases what is held, when the way on will not open. */
    protected final void discardHeld() {
        early.discard();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.hold(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            early.ended();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        early.discard();
        super.channelInactive(ctx);
    }
}
