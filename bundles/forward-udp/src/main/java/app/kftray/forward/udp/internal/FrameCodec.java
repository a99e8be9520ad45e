package app.kftray.forward.udp.internal;

import app.kftray.relay.protocol.DatagramFrameDecoder;
import app.kftray.relay.protocol.DatagramFraming;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.function.Consumer;

/**
 * The relay's frame decoder for one flow. A pod stream is not a Netty channel, so the shared
 * {@link DatagramFrameDecoder} runs in an embedded pipeline of its own (frames are written with
 * {@link app.kftray.relay.protocol.FrameBatch}). Not thread-safe: a flow uses it from its event
 * loop only.
 */
final class FrameCodec {
    private final EmbeddedChannel pipeline =
            new EmbeddedChannel(new DatagramFrameDecoder(DatagramFraming.MAX_DATAGRAM_BYTES));

    /**
     * Feeds stream bytes in and hands out every complete datagram (empty for a keep-alive frame).
     *
     * @param bytes     bytes from the relay; ownership passes to the codec
     * @param datagrams receives each datagram and must release it
     * @throws io.netty.handler.codec.TooLongFrameException if a frame announces an oversize length;
     *                                                      the flow cannot continue
     */
    void decode(ByteBuf bytes, Consumer<ByteBuf> datagrams) {
        try {
            pipeline.writeInbound(bytes);
        } finally {
            drain(datagrams);
        }
    }

    /**
     * Ends the stream: reports a frame cut short, and releases whatever is left.
     *
     * @throws io.netty.handler.codec.CorruptedFrameException if the stream ended inside a frame
     */
    void finish() {
        try {
            pipeline.finish();
        } finally {
            pipeline.releaseInbound();
            pipeline.releaseOutbound();
        }
    }

    private void drain(Consumer<ByteBuf> datagrams) {
        for (ByteBuf datagram = pipeline.readInbound(); datagram != null; datagram = pipeline.readInbound()) {
            datagrams.accept(datagram);
        }
    }
}
