package app.kftray.emulator.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * A watch over WebSocket, as the API server offers it (fabric8 watches this way): one text message per
 * event. Replaces the API handler on its connection.
 */
final class WebSocketWatchSink implements WatchSink {
    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;

    WebSocketWatchSink(ChannelHandlerContext ctx, FullHttpRequest request) {
        this.ctx = ctx;
        this.request = request;
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public void open() {
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://watch",
                WebSocketServerHandshaker.SUB_PROTOCOL_WILDCARD, false).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        handshaker.handshake(ctx, request);
        ctx.pipeline().replace(ctx.handler(), "watch-ws", new ClientFrames());
    }

    @Override
    public void send(ByteBuf event) {
        ctx.channel().writeAndFlush(new TextWebSocketFrame(event));
    }

    @Override
    public void end() {
        ctx.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** The client only pings and closes on a watch socket. */
    private static final class ClientFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
