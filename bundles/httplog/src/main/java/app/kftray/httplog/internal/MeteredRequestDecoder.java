package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;

/** Netty's request decoder, reporting the bytes each decoding step consumed. */
final class MeteredRequestDecoder extends HttpRequestDecoder {
    private final WireMeter meter;

    MeteredRequestDecoder(HttpDecoderConfig config, WireMeter meter) {
        super(config);
        this.meter = meter;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        meter.measure(buffer, () -> super.decode(ctx, buffer, out));
    }
}
