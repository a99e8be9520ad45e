package app.kftray.relay.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Netty handlers for the reverse mode's lines ({@link ReverseMessage}). Both ends add them to a
 * fresh stream; a data stream removes them after its first exchange with {@link #removeCodec},
 * and whatever bytes followed the line in the same read are passed on as data, not lost.
 */
public final class ReverseFraming {
    /** Name of the line decoder in the pipeline. */
    public static final String LINES = "reverse-lines";
    /** Name of the message codec in the pipeline. */
    public static final String MESSAGES = "reverse-messages";

    private ReverseFraming() {
    }

    /**
     * Adds the line decoder and the message codec at the end of a pipeline: inbound lines become
     * {@link ReverseMessage}s (a bad or overlong line fails the stream with a
     * {@code CorruptedFrameException} or {@code TooLongFrameException}), written messages become lines.
     *
     * @param pipeline a stream's pipeline
     */
    public static void addCodec(ChannelPipeline pipeline) {
        pipeline.addLast(LINES, new LineBasedFrameDecoder(ReverseMessage.MAX_LINE_BYTES, true, true));
        pipeline.addLast(MESSAGES, MessageCodec.INSTANCE);
    }

    /**
     * Removes the handlers {@link #addCodec} added; bytes the line decoder had already read
     * beyond the first line flow on to the handlers after it.
     *
     * @param pipeline the stream's pipeline
     */
    public static void removeCodec(ChannelPipeline pipeline) {
        pipeline.remove(MESSAGES);
        pipeline.remove(LINES);
    }

    /**
     * Compares a presented secret with the expected one in time independent of where they differ.
     *
     * @param expected the forward's secret
     * @param presented what the peer sent
     * @return whether they are equal
     */
    public static boolean secretMatches(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Sharable
    private static final class MessageCodec extends MessageToMessageCodec<ByteBuf, ReverseMessage> {
        static final MessageCodec INSTANCE = new MessageCodec();

        @Override
        protected void encode(ChannelHandlerContext ctx, ReverseMessage msg, List<Object> out) {
            out.add(ByteBufUtil.writeAscii(ctx.alloc(), msg.encode()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
            out.add(ReverseMessage.parse(line.toString(StandardCharsets.US_ASCII)));
        }
    }
}
