package app.kftray.httplog.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.List;
import java.util.function.Supplier;

/**
 * Netty's response decoder, reporting consumed bytes, and knowing (as Netty's client codec does)
 * that responses to HEAD and successful CONNECT requests have no body.
 */
final class MeteredResponseDecoder extends HttpResponseDecoder {
    private final WireMeter meter;
    private final Supplier<HttpMethod> requestMethod;

    /**
     * @param requestMethod method of the oldest request still waiting for its response, or {@code null}
     */
    MeteredResponseDecoder(HttpDecoderConfig config, WireMeter meter, Supplier<HttpMethod> requestMethod) {
        super(config);
        this.meter = meter;
        this.requestMethod = requestMethod;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        meter.measure(buffer, () -> super.decode(ctx, buffer, out));
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        HttpResponse response = (HttpResponse) msg;
        if (response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            HttpMethod method = requestMethod.get();
            if (HttpMethod.HEAD.equals(method)
                    || HttpMethod.CONNECT.equals(method) && response.status().codeClass() == HttpStatusClass.SUCCESS) {
                return true;
            }
        }
        return super.isContentAlwaysEmpty(msg);
    }
}
