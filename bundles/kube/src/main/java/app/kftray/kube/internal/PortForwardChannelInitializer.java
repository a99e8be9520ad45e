package app.kftray.kube.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** TLS, HTTP upgrade to a WebSocket with the port-forward subprotocol, then the stream handler. */
final class PortForwardChannelInitializer extends ChannelInitializer<Channel> {
    /** Larger messages than kubelets send; a bound, not a buffer size. */
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    /** Pings keep idle forwards alive through proxies and load balancers. */
    private static final int PING_SECONDS = 30;

    private final ApiEndpoint endpoint;
    private final URI uri;
    private final PodStreamHandler streamHandler;

    PortForwardChannelInitializer(ApiEndpoint endpoint, URI uri, PodStreamHandler streamHandler) {
        this.endpoint = endpoint;
        this.uri = uri;
        this.streamHandler = streamHandler;
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
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(PortForwardFrames.SUBPROTOCOL)
                .version(WebSocketVersion.V13)
                .customHeaders(endpoint.auth())
                .maxFramePayloadLength(MAX_MESSAGE)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                .build();
        pipeline.addLast(new HttpClientCodec());
        pipeline.addLast(new HttpObjectAggregator(64 * 1024));
        pipeline.addLast(new WebSocketClientProtocolHandler(config));
        pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
        pipeline.addLast(new IdleStateHandler(0, PING_SECONDS, 0, TimeUnit.SECONDS));
        pipeline.addLast(new KeepAlivePinger());
        pipeline.addLast(streamHandler);
    }
}
