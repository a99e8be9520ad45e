package app.kftray.kube.internal.transport;

import app.kftray.kube.internal.cluster.ApiEndpoint;
import app.kftray.kube.internal.cluster.ProxyHandlers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Consumer;

/**
 * TLS and the HTTP upgrade to a WebSocket with a port-forward subprotocol, followed by the
 * handlers of that subprotocol; and the dialling of such a connection, the same for the SPDY
 * tunnel and for the per-stream WebSocket.
 */
final class PortForwardChannelInitializer extends ChannelInitializer<Channel> {
    /** Larger messages than kubelets send; a bound, not a buffer size. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Enough to keep a fast link busy while bounding memory per connection. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final ApiEndpoint endpoint;
    private final HttpHeaders auth;
    private final URI uri;
    private final String subprotocol;
    private final Consumer<ChannelPipeline> protocolHandlers;

    /**
     * @param endpoint         the API server
     * @param auth             the credentials to present
     * @param uri              the WebSocket URI of the portforward subresource
     * @param subprotocol      the one subprotocol offered
     * @param protocolHandlers adds the handlers that speak the subprotocol behind the WebSocket
     */
    private PortForwardChannelInitializer(ApiEndpoint endpoint, HttpHeaders auth, URI uri, String subprotocol,
            Consumer<ChannelPipeline> protocolHandlers) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.uri = uri;
        this.subprotocol = subprotocol;
        this.protocolHandlers = protocolHandlers;
    }

    /**
     * Dials a port-forward connection on the given loop: TCP to the API server, then TLS, the
     * WebSocket upgrade and the subprotocol's handlers; through the endpoint's proxy if it has one.
     * TCP keepalive is on, so a peer that vanished without a reset is noticed even on an idle connection.
     *
     * @param endpoint         the API server
     * @param auth             the credentials to present, from {@code endpoint.credentials().headers()}
     * @param loop             the event loop the connection is to run on
     * @param path             the API path of the portforward subresource, query included
     * @param subprotocol      the one subprotocol offered
     * @param protocolHandlers adds the handlers that speak the subprotocol behind the WebSocket
     * @return the connect in progress; its channel is the connection
     */
    static ChannelFuture connect(ApiEndpoint endpoint, HttpHeaders auth, EventLoop loop, String path,
            String subprotocol, Consumer<ChannelPipeline> protocolHandlers) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new PortForwardChannelInitializer(endpoint, auth, endpoint.webSocket(path), subprotocol,
                        protocolHandlers));
        if (endpoint.proxy() == null) {
            return bootstrap.connect(endpoint.host(), endpoint.port());
        }
        // the proxy resolves the server's name; only the proxy's own name is resolved here
        bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        return bootstrap.connect(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
    }

    /** Netty's RFC 6455 client handshake, writing frames with {@link MaskingFrameEncoder}. */
    private static final class MaskingHandshaker extends WebSocketClientHandshaker13 {
        MaskingHandshaker(WebSocketClientProtocolConfig config) {
            super(config.webSocketUri(), WebSocketVersion.V13, config.subprotocol(), config.allowExtensions(),
                    config.customHeaders(), config.maxFramePayloadLength(), true, config.allowMaskMismatch(),
                    config.forceCloseTimeoutMillis());
        }

        @Override
        protected WebSocketFrameEncoder newWebSocketEncoder() {
            return new MaskingFrameEncoder();
        }
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        if (endpoint.proxy() != null) {
            ProxyHandlers.addFirst(pipeline, endpoint.proxy(), endpoint.tls(), CONNECT_TIMEOUT_MS);
        }
        if (endpoint.tls() != null) {
            // the context verifies the host name unless the kubeconfig skips verification
            pipeline.addLast(endpoint.tls().newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
        }
        // writes of many streams in one event-loop pass leave as one TLS record and one syscall
        pipeline.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(subprotocol)
                .version(WebSocketVersion.V13)
                .customHeaders(auth)
                .maxFramePayloadLength(MAX_MESSAGE)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
                .dropPongFrames(true)
                .build();
        pipeline.addLast(new HttpClientCodec());
        pipeline.addLast(new HttpObjectAggregator(64 * 1024));
        pipeline.addLast(new WebSocketClientProtocolHandler(new MaskingHandshaker(config), config));
        protocolHandlers.accept(pipeline);
    }
}
