package app.kftray.kube.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;

/**
 * Writes the frames of one SPDY tunnel to its connection: control frames through the SPDY codec,
 * DATA frames past it without copying their payload, the client's pings, and the closing
 * WebSocket message. Confined to the tunnel's event loop.
 */
final class SpdyFrameWriter {
    /** Stream ids are 31 bits; the top bit of a DATA frame's first word says "control frame". */
    private static final int STREAM_ID_MASK = 0x7FFFFFFF;
    private static final int DATA_HEADER_LENGTH = 8;
    private static final int MAX_DATA_LENGTH = 0xFFFFFF;
    /** Payloads up to this size are copied behind their header rather than sent as a message of their own. */
    private static final int SMALL_DATA_LENGTH = 2048;

    private final Channel channel;
    /** Client ping ids are odd; the server's are even. */
    private int nextPingId = 1;

    /** @param channel the tunnel's connection */
    SpdyFrameWriter(Channel channel) {
        this.channel = channel;
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    void write(Object frame) {
        channel.write(frame, channel.voidPromise());
    }

    ChannelFuture writeAndFlush(Object frame) {
        return channel.writeAndFlush(frame);
    }

    /**
     * Sends a DATA frame without copying a large payload: the SPDY codec would copy it into a new
     * buffer, so the 8-byte header goes out as a WebSocket message of its own and the payload as
     * the next one (the tunnel is a byte stream; frames need not align with messages). A header
     * and payload joined in a composite buffer would make the WebSocket masking slow. A small
     * payload (a datagram, a request) is cheaper copied behind its header: one message, not two.
     *
     * @param streamId the data stream
     * @param data     the payload; ownership moves here
     * @return completes when written to the socket
     */
    ChannelFuture writeData(int streamId, ByteBuf data) {
        // written from the SPDY codec's place, so it goes straight to the WebSocket behind it
        ChannelHandlerContext spdy = channel.pipeline().context(SpdyFrameCodec.class);
        if (spdy == null || data.readableBytes() > MAX_DATA_LENGTH) {
            return channel.writeAndFlush(new DefaultSpdyDataFrame(streamId, data));
        }
        int length = data.readableBytes();
        boolean small = length <= SMALL_DATA_LENGTH;
        ByteBuf header = channel.alloc().buffer(DATA_HEADER_LENGTH + (small ? length : 0))
                .writeInt(streamId & STREAM_ID_MASK)
                .writeInt(length); // flags 0 in the high byte, then the 24-bit length
        if (small) {
            header.writeBytes(data);
            data.release();
            return spdy.writeAndFlush(header);
        }
        spdy.write(header, spdy.voidPromise());
        return spdy.writeAndFlush(data);
    }

    /**
     * Pings the server with the next client ping id.
     *
     * @return done when the ping has left for the network, behind whatever data was queued before it
     */
    ChannelFuture ping() {
        ChannelFuture sent = channel.writeAndFlush(new DefaultSpdyPingFrame(nextPingId));
        nextPingId = nextPingId + 2 > 0 ? nextPingId + 2 : 1;
        return sent;
    }

    /** Like kubectl: a normal WebSocket close, then the connection is dropped. */
    void closeNormally() {
        ChannelHandlerContext webSocket = channel.pipeline().context(WebSocketByteStream.class);
        if (webSocket != null) {
            webSocket.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
