package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.ZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;

/**
 * Decodes gzip and deflate bodies with Netty's zlib decoder, keeping only the first bytes of the
 * output and counting the rest, so an expanding body never takes more memory than the limit.
 */
final class ContentDecoding {

    /**
     * @param output   the first decoded bytes (at most the limit) and their count
     * @param total    all decoded bytes
     * @param complete whether the compressed stream ended properly
     */
    record Decoded(BodyCapture output, long total, boolean complete) {
    }

    private ContentDecoding() {
    }

    /**
     * @param contentEncoding a Content-Encoding value
     * @return the zlib flavour to decode it with, or {@code null} when it is not gzip or deflate
     */
    static ZlibWrapper wrapperFor(String contentEncoding) {
        return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> ZlibWrapper.GZIP;
            // servers send deflate both with and without the zlib header
            case "deflate" -> ZlibWrapper.ZLIB_OR_NONE;
            default -> null;
        };
    }

    /**
     * @param compressed the encoded body (possibly only its start)
     * @param wrapper    gzip or deflate
     * @param keep       decoded bytes to keep
     * @return what was decoded
     * @throws io.netty.handler.codec.compression.DecompressionException if the bytes are not valid
     */
    static Decoded decode(byte[] compressed, ZlibWrapper wrapper, int keep) {
        // not concatenated: the decoder then tells whether the stream ended properly
        ZlibDecoder decoder = new JdkZlibDecoder(wrapper, false);
        BodyCapture output = new BodyCapture(keep);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    output.append((ByteBuf) msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(compressed));
            boolean complete = decoder.isClosed();
            return new Decoded(output, output.total(), complete);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
