package app.kftray.emulator.http;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.store.KubeObjects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes complete HTTP responses, honouring keep-alive. */
public final class Responses {
    /** What kubectl gets back when it asks for a Table. */
    public static final String TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private Responses() {
    }

    public static void json(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, JsonNode body,
            String contentType) {
        send(ctx, request, status, jsonBytes(body), contentType);
    }

    public static void json(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, JsonNode body) {
        json(ctx, request, status, body, "application/json");
    }

    /** The {@code Status} failure body kubectl prints as "Error from server (Reason): message". */
    public static void error(ChannelHandlerContext ctx, HttpRequest request, ApiException e) {
        json(ctx, request, HttpResponseStatus.valueOf(e.code()), e.toStatus());
    }

    public static void text(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String body) {
        send(ctx, request, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public static ByteBuf jsonBytes(JsonNode body) {
        try {
            return Unpooled.wrappedBuffer(KubeObjects.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, ByteBuf body,
            String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
        HttpUtil.setContentLength(response, body.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
