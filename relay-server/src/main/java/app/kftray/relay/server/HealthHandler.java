package app.kftray.relay.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Answers {@code GET /healthz} (and {@code HEAD}) with 200 while the relay accepts clients and
 * 503 once it is shutting down, for Kubernetes readiness and liveness probes. One request per
 * connection.
 */
@Sharable
final class HealthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH = "/healthz";

    private final BooleanSupplier accepting;

    HealthHandler(BooleanSupplier accepting) {
        this.accepting = accepting;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (!request.decoderResult().isSuccess()) {
            response = text(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        } else if (!PATH.equals(request.uri().split("\\?", 2)[0])) {
            response = text(HttpResponseStatus.NOT_FOUND, "not found\n");
        } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        } else if (accepting.getAsBoolean()) {
            response = text(HttpResponseStatus.OK, "ok\n");
        } else {
            response = text(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
        }
        if (HttpMethod.HEAD.equals(request.method())) {
            response.content().clear();
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
