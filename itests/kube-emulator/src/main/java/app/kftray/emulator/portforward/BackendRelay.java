package app.kftray.emulator.portforward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * The backend end of one forwarded stream: wraps pod bytes into the client protocol's frames, stops reading
 * the pod while the client connection is full, and reports end of input, close and writability.
 */
abstract class BackendRelay extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext client;

    BackendRelay(ChannelHandlerContext client) {
        this.client = client;
    }

    /** The frame carrying {@code data} to the client, or null to drop it (the stream is over). */
    abstract Object frame(ByteBuf data);

    /** The pod finished sending (half-close). */
    abstract void inputEnded();

    /** The pod connection is gone. */
    abstract void closed();

    /** The pod connection can (or cannot) take more client data. */
    abstract void writable(boolean writable);

    /** The pod connection failed. */
    abstract void failed(Throwable cause);

    @Override
    public final void channelRead(ChannelHandlerContext backendCtx, Object msg) {
        Object frame = frame((ByteBuf) msg);
        if (frame == null) {
            ((ByteBuf) msg).release();
            return;
        }
        client.write(frame);
        if (!client.channel().isWritable()) {
            backendCtx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext backendCtx) {
        client.flush();
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext backendCtx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded();
        }
    }

    @Override
    public final void channelWritabilityChanged(ChannelHandlerContext backendCtx) {
        writable(backendCtx.channel().isWritable());
    }

    @Override
    public final void channelInactive(ChannelHandlerContext backendCtx) {
        closed();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext backendCtx, Throwable cause) {
        failed(cause);
    }
}
