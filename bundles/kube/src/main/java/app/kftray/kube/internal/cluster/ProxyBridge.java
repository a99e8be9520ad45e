package app.kftray.kube.internal.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP {@code CONNECT} proxy for the Kubernetes client of one cluster whose proxy it cannot
 * speak itself (its JDK HTTP client knows plain HTTP proxies only): each {@code CONNECT} is carried on
 * through the real proxy, SOCKS5 or {@code https}, as the port-forward tunnels are. A refusal of the
 * real proxy is answered with 502 and its reason. Only the API server may be asked for. Close it with
 * its client.
 */
final class ProxyBridge implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final EventLoopGroup group;
    private final Channel server;

    private ProxyBridge(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * @param proxy the real proxy; the cluster's only one, since a {@code proxy-url} serves every request
     * @return whether the Kubernetes client needs a bridge to reach it
     */
    static boolean needed(ApiProxy proxy) {
        return proxy != null && !proxy.scheme().equals("http");
    }

    /**
     * @param proxy  the real proxy
     * @param trust  the cluster's TLS context (an {@code https} proxy must pass its trust), or {@code null}
     * @param server the API server, the only destination the bridge connects to
     * @return a running bridge on a free loopback port
     */
    static ProxyBridge start(ApiProxy proxy, SslContext trust, URI server) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("kftray-proxy-bridge", true), NioIoHandler.newFactory());
        String allowed = server.getHost() + ":" + (server.getPort() > 0 ? server.getPort() : 443);
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024),
                                    new ConnectHandler(proxy, trust, allowed));
                        }
                    })
                    .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
            return new ProxyBridge(group, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** @return its URL, for the Kubernetes client's proxy setting */
    String url() {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers one {@code CONNECT}: dials on through the real proxy, then relays both ways. */
    private static final class ConnectHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ApiProxy proxy;
        private final SslContext trust;
        private final String allowed;

        ConnectHandler(ApiProxy proxy, SslContext trust, String allowed) {
            this.proxy = proxy;
            this.trust = trust;
            this.allowed = allowed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!HttpMethod.CONNECT.equals(request.method()) || !allowed.equalsIgnoreCase(request.uri())) {
                answer(ctx, HttpResponseStatus.FORBIDDEN, "only CONNECT " + allowed + " is carried");
                return;
            }
            ctx.channel().config().setAutoRead(false);
            int colon = request.uri().lastIndexOf(':');
            InetSocketAddress target = InetSocketAddress.createUnresolved(request.uri().substring(0, colon),
                    Integer.parseInt(request.uri().substring(colon + 1)));
            Channel client = ctx.channel();
            Bootstrap upstream = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .resolver(NoopAddressResolverGroup.INSTANCE) // the proxy resolves the server's name
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ProxyHandlers.addFirst(ch.pipeline(), proxy, trust, CONNECT_TIMEOUT_MS).connectFuture()
                                    .addListener(done -> connected(ctx, ch, done.isSuccess() ? null : done.cause()));
                            ch.pipeline().addLast(new Relay(client));
                        }
                    });
            upstream.connect(target).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    connected(ctx, f.channel(), f.cause());
                }
            });
        }

        private void connected(ChannelHandlerContext ctx, Channel upstream, Throwable failure) {
            if (failure != null) {
                upstream.close();
                answer(ctx, HttpResponseStatus.BAD_GATEWAY, "the proxy " + proxy.describe() + " failed: "
                        + failure.getMessage());
                return;
            }
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    new HttpResponseStatus(200, "Connection established"))).addListener(sent -> {
                        if (!sent.isSuccess()) {
                            upstream.close();
                            return;
                        }
                        ctx.pipeline().remove(HttpServerCodec.class);
                        ctx.pipeline().remove(HttpObjectAggregator.class);
                        ctx.pipeline().replace(this, null, new Relay(upstream));
                        ctx.channel().config().setAutoRead(true);
                    });
        }

        private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String why) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes what one side reads to the other; reading pauses while the other side's buffer is full. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!other.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            other.writeAndFlush(msg);
            if (!other.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            ctx.fireChannelWritabilityChanged();
            if (ctx.channel().isWritable()) {
                other.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
