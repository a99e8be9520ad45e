package app.kftray.kube.internal.transport;

import app.kftray.kube.internal.cluster.ApiEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS and the HTTP upgrade to a WebSocket with a port-forward subprotocol, followed by the
 * handlers of that subprotocol.
 */
final class PortForwardChannelInitializer extends ChannelInitializer<Channel> {
    /** Larger messages than kubelets send; a bound, not a buffer size. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    private final ApiEndpoint endpoint;
    private final URI uri;
    private final String subprotocol;
    private final Consumer<ChannelPipeline> protocolHandlers;

    /**
     * @param endpoint         the API server
     * @param uri              the WebSocket URI of the portforward subresource
     * @param subprotocol      the one subprotocol offered
     * @param protocolHandlers adds the handlers that speak the subprotocol behind the WebSocket
     */
    PortForwardChannelInitializer(ApiEndpoint endpoint, URI uri, String subprotocol,
            Consumer<ChannelPipeline> protocolHandlers) {
        this.endpoint = endpoint;
        this.uri = uri;
        this.subprotocol = subprotocol;
        this.protocolHandlers = protocolHandlers;
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
        if (endpoint.tls() != null) {
            SSLEngine engine = endpoint.tls().newEngine(ch.alloc(), endpoint.host(), endpoint.port());
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            pipeline.addLast(new SslHandler(engine));
        }
        // writes of many streams in one event-loop pass leave as one TLS record and one syscall
        pipeline.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                true));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(subprotocol)
                .version(WebSocketVersion.V13)
                .customHeaders(endpoint.auth())
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
