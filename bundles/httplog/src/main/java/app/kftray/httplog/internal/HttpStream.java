package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One direction of a connection run through a Netty HTTP decoder on an {@link EmbeddedChannel};
 * reports each message's head and completion with sizes and arrival times.
 */
final class HttpStream {

    /** Receives what the stream decoded. */
    interface Listener {
        void onHead(CapturedMessage message);

        void onComplete(CapturedMessage message);

        /** The bytes are not valid HTTP; the stream decodes nothing more. */
        void onMalformed(String problem);
    }

    private final WireMeter meter;
    private final EmbeddedChannel channel;
    private final BodyLimit bodyLimit;
    private final Listener listener;
    private CapturedMessage current;
    private boolean failed;

    /**
     * @param meter   the meter the decoder reports to
     * @param decoder   a metered request or response decoder
     * @param bodyLimit how much of each message's body to keep
     */
    HttpStream(WireMeter meter, ByteToMessageDecoder decoder, BodyLimit bodyLimit, Listener listener) {
        this.meter = meter;
        this.bodyLimit = bodyLimit;
        this.listener = listener;
        this.channel = new EmbeddedChannel(decoder, new Capture());
    }

    /** @param bytes the next bytes of this direction; released here */
    void feed(ByteBuf bytes, long nanos) {
        if (failed) {
            bytes.release();
            return;
        }
        meter.fed(bytes.readableBytes(), nanos);
        channel.writeInbound(bytes);
    }

    /** The connection ended: lets the decoder finish a message that ends with the connection. */
    void finish() {
        channel.finishAndReleaseAll();
    }

    /** @return whether a message (or its head) is partly received */
    boolean hasPartialMessage() {
        return !failed && (current != null || meter.hasUnfinishedBytes());
    }

    private void onObject(HttpObject object) {
        DecoderResult result = object.decoderResult();
        if (result.isFailure()) {
            failed = true;
            Throwable cause = result.cause();
            listener.onMalformed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return;
        }
        if (object instanceof HttpMessage head) {
            current = new CapturedMessage(head, meter.messageStartNanos(), meter.take(), bodyLimit.of(head.headers()));
            listener.onHead(current);
        }
        if (object instanceof HttpContent content && current != null) {
            current.addBody(content.content(), meter.take(), meter.lastConsumedNanos());
            if (content instanceof LastHttpContent) {
                CapturedMessage done = current;
                current = null;
                done.complete(meter.lastConsumedNanos());
                meter.messageEnded();
                listener.onComplete(done);
            }
        }
    }

    /** Last handler of the pipeline: hands decoded objects over and releases them. */
    private final class Capture extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpObject object && !failed) {
                    onObject(object);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
