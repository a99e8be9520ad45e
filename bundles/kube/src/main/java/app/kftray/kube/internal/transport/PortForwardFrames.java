package app.kftray.kube.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * The {@code v4.channel.k8s.io} port-forward framing: every WebSocket message starts
 * with a channel byte; for one forwarded port, channel 0 carries data and channel 1
 * errors, and the server's first message on each is the port number (2 bytes, little
 * endian).
 */
final class PortForwardFrames {
    static final String SUBPROTOCOL = "v4.channel.k8s.io";
    static final int DATA = 0;
    static final int ERROR = 1;
    static final int PORT_PREFIX = 2;

    private PortForwardFrames() {
    }

    /**
     * @param alloc allocator for the one-byte header
     * @param data  payload, whose ownership moves into the result
     * @return a data message (header + payload, no copy)
     */
    static ByteBuf data(ByteBufAllocator alloc, ByteBuf data) {
        CompositeByteBuf message = alloc.compositeBuffer(2);
        message.addComponent(true, alloc.buffer(1).writeByte(DATA));
        message.addComponent(true, data);
        return message;
    }
}
