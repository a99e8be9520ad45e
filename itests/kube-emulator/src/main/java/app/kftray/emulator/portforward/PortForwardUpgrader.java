package app.kftray.emulator.portforward;

import app.kftray.emulator.store.ApiException;
import app.kftray.emulator.world.PortForwardTarget;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@code pods/NAME/portforward} request into one of the three port-forward protocols: WebSocket
 * {@code v4.channel.k8s.io} (fabric8), WebSocket {@code SPDY/3.1+portforward.k8s.io} (kubectl 1.31+), or a
 * plain {@code Upgrade: SPDY/3.1} POST (kubectl's fallback), replacing the HTTP handlers in the pipeline.
 */
public final class PortForwardUpgrader {
    static final String PORT_FORWARD_PROTOCOL = "portforward.k8s.io";
    static final String V4_CHANNEL = "v4.channel.k8s.io";
    static final String SPDY_TUNNEL = "SPDY/3.1+" + PORT_FORWARD_PROTOCOL;
    private static final int MAX_WS_MESSAGE = 16 << 20;
    private static final int SPDY_MAX_CHUNK = 64 << 10;

    private final BackendConnector connector;
    private final ForwardRegistry registry;
    private final boolean spdyTunnel;

    /**
     * @param spdyTunnel whether the WebSocket SPDY tunnel is served; without it the server answers that
     *                   subprotocol as an API server without the {@code PortForwardWebsockets} feature does
     */
    public PortForwardUpgrader(BackendConnector connector, ForwardRegistry registry, boolean spdyTunnel) {
        this.connector = connector;
        this.registry = registry;
        this.spdyTunnel = spdyTunnel;
    }

    /**
     * Upgrades the connection, replacing {@code apiHandler}; an unusable request gets the error
     * (thrown, for the caller to answer) the real server gives.
     */
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, PortForwardTarget target,
            ChannelHandler apiHandler) throws ApiException {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
        if (request.method().equals(HttpMethod.GET) && "websocket".equalsIgnoreCase(upgrade)) {
            List<String> offered = offeredSubprotocols(request);
            if (offered.contains(V4_CHANNEL)) {
                int port = requestedPort(request);
                webSocket(ctx, request, V4_CHANNEL, apiHandler, target,
                        new ChannelProtocolForwarder(target, port, connector));
            } else if (spdyTunnel && offered.contains(SPDY_TUNNEL)) {
                webSocket(ctx, request, SPDY_TUNNEL, apiHandler, target, null);
            } else {
                throw ApiException.badRequest("unable to upgrade: no supported subprotocol offered (want "
                        + V4_CHANNEL + " or " + SPDY_TUNNEL + ")");
            }
        } else if ("SPDY/3.1".equalsIgnoreCase(upgrade)) {
            spdy(ctx, request, target, apiHandler);
        } else {
            throw ApiException.badRequest("Upgrade request required");
        }
    }

    private static List<String> offeredSubprotocols(FullHttpRequest request) {
        return request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).toList();
    }

    /** fabric8 sends exactly one port in {@code ?ports=}; the kubelet validates 1..65535. */
    private static int requestedPort(FullHttpRequest request) throws ApiException {
        List<String> ports = new QueryStringDecoder(request.uri()).parameters().getOrDefault("ports", List.of());
        if (ports.size() != 1) {
            throw ApiException.badRequest("exactly one port must be given in the ports parameter");
        }
        try {
            int port = Integer.parseInt(ports.get(0));
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("invalid port \"" + ports.get(0) + "\": must be between 1 and 65535");
    }

    private void webSocket(ChannelHandlerContext ctx, FullHttpRequest request, String subprotocol,
            ChannelHandler apiHandler, PortForwardTarget target, ChannelProtocolForwarder v4) throws ApiException {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_WS_MESSAGE).allowExtensions(false).build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), subprotocol, config)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        // the 101 is written from here, through the HTTP encoder, before the handlers behind it change
        ChannelFuture handshake;
        try {
            handshake = handshaker.handshake(ctx, request);
        } catch (WebSocketHandshakeException e) {
            throw ApiException.badRequest("unable to upgrade: " + e.getMessage());
        }
        p.channel().config().setAutoRead(v4 == null);
        if (v4 != null) {
            p.replace(apiHandler, "ws-aggregator", new WebSocketFrameAggregator(MAX_WS_MESSAGE));
            p.addAfter("ws-aggregator", "pf-v4", v4);
        } else {
            p.replace(apiHandler, "ws-tunnel", new WebSocketTunnelCodec());
            p.addAfter("ws-tunnel", "spdy", spdyCodec());
            p.addAfter("spdy", "pf-spdy", new SpdyPortForwardHandler(target, connector));
        }
        registry.register(ctx.channel(), target.uid());
        handshake.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                f.channel().close();
            } else if (v4 != null) {
                v4.start(p.context(v4));
            }
        });
    }

    private void spdy(ChannelHandlerContext ctx, FullHttpRequest request, PortForwardTarget target,
            ChannelHandler apiHandler) {
        ChannelPipeline p = ctx.pipeline();
        String protocols = request.headers().get("X-Stream-Protocol-Version", "");
        if (Arrays.stream(protocols.split(",")).map(String::trim).noneMatch(PORT_FORWARD_PROTOCOL::equals)) {
            // httpstream.Handshake's answer when client and server share no protocol
            FullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                    io.netty.buffer.Unpooled.copiedBuffer("unable to upgrade: unable to negotiate protocol: client "
                            + "supports [" + protocols + "], server accepts [" + PORT_FORWARD_PROTOCOL + "]",
                            StandardCharsets.UTF_8));
            refused.headers().set("X-Accepted-Stream-Protocol-Versions", PORT_FORWARD_PROTOCOL);
            refused.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(refused, refused.content().readableBytes());
            ctx.writeAndFlush(refused);
            return;
        }
        FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        switching.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        switching.headers().set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
        switching.headers().set("X-Stream-Protocol-Version", PORT_FORWARD_PROTOCOL);
        // nothing may follow the 101 until the client speaks: it reads the response through a throw-away buffer
        ctx.writeAndFlush(switching);
        p.replace(apiHandler, "spdy", spdyCodec());
        p.addAfter("spdy", "pf-spdy", new SpdyPortForwardHandler(target, connector));
        registry.register(ctx.channel(), target.uid());
        if (p.get(HttpObjectAggregator.class) != null) {
            p.remove(HttpObjectAggregator.class);
        }
        p.remove(HttpServerCodec.class);
    }

    private static SpdyFrameCodec spdyCodec() {
        return new SpdyFrameCodec(SpdyVersion.SPDY_3_1, SPDY_MAX_CHUNK, 16 << 10, 6, 15, 8, true);
    }
}
