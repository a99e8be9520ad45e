package app.kftray.kube.internal.transport;

import app.kftray.api.KubeException;
import app.kftray.api.KubeException.Reason;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Reads port-forward messages after the WebSocket handshake: skips the two port
 * prefixes, hands data to the receiver, collects error text, and reports the end.
 */
final class PodStreamHandler extends ChannelInboundHandlerAdapter {
    private final StreamReceiver receiver;
    private final CompletableFuture<PodStream> opened;
    private final String target;
    private final StringBuilder error = new StringBuilder();
    private int prefixesSeen;
    private boolean closedReported;

    PodStreamHandler(StreamReceiver receiver, CompletableFuture<PodStream> opened, String target) {
        this.receiver = receiver;
        this.opened = opened;
        this.target = target;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, new KubeException(Reason.UNREACHABLE, "port-forward to " + target + " timed out during the handshake", null));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (frame instanceof CloseWebSocketFrame) {
                ctx.close();
            } else if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame) {
                onMessage(ctx, frame.content());
            }
        } finally {
            frame.release();
        }
    }

    private void onMessage(ChannelHandlerContext ctx, ByteBuf content) {
        if (!content.isReadable()) {
            return;
        }
        int channel = content.readUnsignedByte();
        if (prefixesSeen < PortForwardFrames.PORT_PREFIX) {
            // the first message of each channel is the port number
            if (++prefixesSeen == PortForwardFrames.PORT_PREFIX
                    && !opened.complete(new WebSocketPodStream(ctx.channel()))) {
                ctx.close(); // the caller cancelled while the stream was being set up
            }
            return;
        }
        if (channel == PortForwardFrames.DATA) {
            receiver.onData(content.retain());
        } else if (channel == PortForwardFrames.ERROR) {
            error.append(content.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (opened.isDone()) {
            receiver.onWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, PortForwardErrors.failed(target, cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        KubeException failure = error.length() == 0 ? null
                : new KubeException(Reason.NOT_READY, "port-forward to " + target + " failed: " + error, null);
        if (!opened.isDone()) {
            opened.completeExceptionally(failure != null ? failure
                    : new KubeException(Reason.UNREACHABLE, "port-forward to " + target + " closed before it was ready", null));
        } else if (!closedReported && !opened.isCancelled()) {
            closedReported = true;
            receiver.onClosed(failure);
        }
    }

    private void fail(ChannelHandlerContext ctx, KubeException failure) {
        if (!opened.isDone()) {
            opened.completeExceptionally(failure);
        } else if (!closedReported) {
            closedReported = true;
            receiver.onClosed(failure);
        }
        ctx.close();
    }
}
