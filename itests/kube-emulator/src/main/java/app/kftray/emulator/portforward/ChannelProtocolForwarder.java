package app.kftray.emulator.portforward;

import app.kftray.emulator.world.PortForwardTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The kubelet side of {@code v4.channel.k8s.io} for one port: data on channel 0, errors on channel 1, each
 * opened by a message holding the port as two little-endian bytes (fabric8 skips exactly those two). The
 * WebSocket closes with 1000 when the backend connection ends.
 */
final class ChannelProtocolForwarder extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final byte DATA = 0;
    private static final byte ERROR = 1;

    private final PortForwardTarget target;
    private final int port;
    private final BackendConnector connector;
    private ChannelHandlerContext ctx;
    private Channel backend;
    private boolean closed;

    ChannelProtocolForwarder(PortForwardTarget target, int port, BackendConnector connector) {
        this.target = target;
        this.port = port;
        this.connector = connector;
    }

    /** Called once the handshake response is written: announce the channels and dial the backend. */
    void start(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.write(portMessage(DATA));
        ctx.writeAndFlush(portMessage(ERROR));
        Optional<InetSocketAddress> address = target.backend(port);
        if (address.isEmpty()) {
            fail(new ConnectException("connection refused"));
            return;
        }
        connector.connect(ctx.channel().eventLoop(), address.get(), new BackendHandler())
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        fail(f.cause());
                    } else if (closed) {
                        f.channel().close();
                    } else {
                        backend = f.channel();
                        backend.config().setAutoRead(ctx.channel().isWritable());
                        ctx.channel().config().setAutoRead(true);
                    }
                });
    }

    private BinaryWebSocketFrame portMessage(byte channel) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {channel, (byte) port, (byte) (port >> 8)}));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame) {
            ByteBuf payload = frame.content();
            // unknown channels and empty messages are ignored, as the kubelet does
            if (payload.readableBytes() > 1 && payload.readByte() == DATA && backend != null) {
                backend.writeAndFlush(payload.retain());
                if (!backend.isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            close();
        }
    }

    private void fail(Throwable cause) {
        String message = target.forwardError(port, BackendConnector.describeFailure(port, cause));
        ByteBuf text = Unpooled.copiedBuffer(message, StandardCharsets.UTF_8);
        ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(new byte[] {ERROR}),
                text)));
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backend != null) {
            backend.close();
        }
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (backend != null) {
            backend.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Pod bytes become channel-0 messages; the end of the pod connection closes the WebSocket. */
    private final class BackendHandler extends BackendRelay {
        BackendHandler() {
            super(ctx);
        }

        @Override
        Object frame(ByteBuf data) {
            return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(new byte[] {DATA}), data));
        }

        @Override
        void inputEnded() {
            close(); // v4 has no half-close: the pod finishing ends the forward
        }

        @Override
        void closed() {
            close();
        }

        @Override
        void writable(boolean writable) {
            ctx.channel().config().setAutoRead(writable);
        }

        @Override
        void failed(Throwable cause) {
            close();
        }
    }
}
