package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FixedRecvByteBufAllocator;

/**
 * Constants of the datagram framing, a one-call way to put its codec on a pipeline, the
 * encoding of a single frame, and how to read the datagrams that become frames.
 */
public final class DatagramFraming {

    /** Size of the length prefix in bytes (an unsigned 32-bit big-endian integer). */
    public static final int LENGTH_FIELD_BYTES = 4;

    /** Largest payload a frame may carry: the largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    /** Pipeline name of the {@link DatagramFrameDecoder} added by {@link #addCodec}. */
    public static final String DECODER_NAME = "datagram-frame-decoder";

    /** Pipeline name of the {@link DatagramFrameEncoder} added by {@link #addCodec}. */
    public static final String ENCODER_NAME = "datagram-frame-encoder";

    /** Netty's own choice for datagram channels. */
    private static final int DATAGRAMS_PER_READ_PASS = 16;

    private DatagramFraming() {
    }

    /**
     * Adds a frame decoder and a frame encoder to the end of a stream pipeline. After them,
     * inbound messages are datagram payloads ({@code ByteBuf}, possibly empty) and outbound
     * {@code ByteBuf} writes are framed.
     *
     * @param pipeline         the pipeline of a TCP stream carrying frames
     * @param maxDatagramBytes largest payload accepted and sent, 0 to {@link #MAX_DATAGRAM_BYTES}
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is out of range
     */
    public static void addCodec(ChannelPipeline pipeline, int maxDatagramBytes) {
        pipeline.addLast(DECODER_NAME, new DatagramFrameDecoder(maxDatagramBytes));
        pipeline.addLast(ENCODER_NAME, new DatagramFrameEncoder(maxDatagramBytes));
    }

    /**
     * Appends one frame to a buffer: the payload's length, then its bytes. Lets a sender put
     * the frames of many datagrams into one write.
     *
     * @param out              where the frame goes
     * @param payload          the datagram; its bytes are read, the buffer is not released
     * @param maxDatagramBytes largest payload allowed
     * @throws OversizeFrameException if the payload is larger; {@code out} is unchanged then
     */
    public static void appendFrame(ByteBuf out, ByteBuf payload, int maxDatagramBytes) {
        int length = payload.readableBytes();
        if (length > maxDatagramBytes) {
            throw new OversizeFrameException(length, maxDatagramBytes);
        }
        out.writeInt(length).writeBytes(payload);
    }

    /**
     * How a datagram channel whose datagrams become frames should read: one byte past the
     * maximum, so an oversize datagram is seen (and refused by {@link #appendFrame}) instead of
     * cut short, and several datagrams per read pass, so their frames can leave together.
     * Netty's default reads 2 KiB, and a new allocator one datagram per pass.
     *
     * @param maxDatagramBytes largest payload a frame may carry
     * @return a receive allocator for {@code ChannelOption.RECVBUF_ALLOCATOR}
     */
    public static FixedRecvByteBufAllocator datagramReads(int maxDatagramBytes) {
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(checkMaximum(maxDatagramBytes) + 1);
        reads.maxMessagesPerRead(DATAGRAMS_PER_READ_PASS);
        return reads;
    }

    /**
     * @param maxDatagramBytes a proposed maximum payload size
     * @return the same value, once checked
     * @throws IllegalArgumentException if it is negative or above {@link #MAX_DATAGRAM_BYTES}
     */
    static int checkMaximum(int maxDatagramBytes) {
        if (maxDatagramBytes < 0 || maxDatagramBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("maximum datagram size must be 0.." + MAX_DATAGRAM_BYTES
                    + " bytes, was " + maxDatagramBytes);
        }
        return maxDatagramBytes;
    }
}
