package app.kftray.kube.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * The WebSocket of the SPDY tunnel as a plain byte stream: binary message payloads are passed
 * on as bytes (SPDY frames are not aligned to messages; the SPDY decoder reassembles them) and
 * every outbound chunk becomes one binary message. Pings and close frames are handled before
 * this handler; a text message is a protocol error.
 */
final class WebSocketByteStream extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!(frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame)) {
            throw new CorruptedFrameException("invalid message type received: " + frame.getClass().getSimpleName());
        }
        if (frame.content().isReadable()) {
            out.add(frame.content().retain());
        }
    }
}
