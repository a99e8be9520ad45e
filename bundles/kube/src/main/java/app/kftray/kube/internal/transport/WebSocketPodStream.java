package app.kftray.kube.internal.transport;

import app.kftray.api.PortForwardTransport.PodStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One pod stream carried by its own WebSocket connection. */
final class WebSocketPodStream implements PodStream {
    private final Channel channel;

    WebSocketPodStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(PortForwardFrames.data(channel.alloc(), data));
        WriteResults.completeWhenDone(channel.writeAndFlush(frame), written);
        return written;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void setAutoRead(boolean read) {
        channel.config().setAutoRead(read);
    }

    /**
     * The v4 channel protocol has no half-close; the pod side sees the end of input only
     * when the stream closes.
     */
    @Override
    public void shutdownOutput() {
        // nothing to send: closing is the only end-of-stream signal v4 has
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
