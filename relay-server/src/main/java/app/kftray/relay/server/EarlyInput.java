package app.kftray.relay.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client sent before its handler was ready for it. With reads off a channel should
 * deliver nothing unasked, but the epoll transport reads what is pending when the peer ends its
 * side, so a client that sends and half-closes at once can deliver its data and its end of
 * input before the way to the target is open. Held here, it is replayed once that way is open.
 */
final class EarlyInput {

    private final List<Object> messages = new ArrayList<>();
    private boolean ended;

    /** @param msg a message read too early; held (and owned) until replayed or discarded */
    void hold(Object msg) {
        messages.add(msg);
    }

    /** Notes that the client's input ended before the handler was ready. */
    void ended() {
        ended = true;
    }

    /**
     * Hands the held messages, then the end of input if it came, to the handler that is now
     * ready for them, or asks for the first read if nothing came.
     *
     * @param handler the handler that takes the client's input from now on
     * @param ctx     that handler's context (on the channel's event loop)
     * @throws Exception as the handler's own methods do
     */
    void replayTo(ChannelInboundHandler handler, ChannelHandlerContext ctx) throws Exception {
        List<Object> held = new ArrayList<>(messages);
        messages.clear();
        for (Object msg : held) {
            handler.channelRead(ctx, msg);
        }
        if (!held.isEmpty()) {
            handler.channelReadComplete(ctx);
        }
        if (ended) {
            handler.userEventTriggered(ctx, ChannelInputShutdownEvent.INSTANCE);
        } else if (held.isEmpty()) {
            ctx.read();
        }
    }

    /** Releases what is still held (the client went away before its handler was ready). */
    void discard() {
        messages.forEach(ReferenceCountUtil::release);
        messages.clear();
    }
}
