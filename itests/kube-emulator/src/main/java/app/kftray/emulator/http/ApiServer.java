package app.kftray.emulator.http;

import app.kftray.emulator.auth.Credentials;
import app.kftray.emulator.portforward.PortForwardUpgrader;
import app.kftray.emulator.world.World;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side: HTTP/1.1 (optionally TLS) on a loopback address, every connection tracked so an
 * outage can drop them all. During an outage the port is closed (connection refused) and later re-bound.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_BODY = 8 << 20;

    private final EventLoopGroup group;
    private final World world;
    private final PortForwardUpgrader upgrader;
    private final SslContext ssl;
    private final Credentials credentials;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final RequestCounts requests = new RequestCounts();
    private volatile Channel listener;
    private volatile InetSocketAddress address;
    private volatile boolean closed;

    /** @param ssl null for plain HTTP; @param credentials the tokens it accepts */
    public ApiServer(EventLoopGroup group, World world, PortForwardUpgrader upgrader, SslContext ssl,
            Credentials credentials) {
        this.group = group;
        this.world = world;
        this.upgrader = upgrader;
        this.ssl = ssl;
        this.credentials = credentials;
    }

    /** Binds (port 0 picks a free one) and returns the bound address. */
    public InetSocketAddress bind(InetSocketAddress requested) throws InterruptedException {
        listener = bootstrap().bind(requested).sync().channel();
        address = (InetSocketAddress) listener.localAddress();
        return address;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** @return the resource requests served so far, by verb and resource */
    public RequestCounts requests() {
        return requests;
    }

    /** Drops every connection (watches and port-forwards included) and refuses new ones for {@code length}. */
    public void outage(Duration length) {
        Channel current = listener;
        if (current != null) {
            current.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        group.schedule(this::rebind, length.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rebind() {
        if (closed) {
            return;
        }
        bootstrap().bind(address).addListener(f -> {
            if (f.isSuccess()) {
                listener = ((io.netty.channel.ChannelFuture) f).channel();
            } else if (!closed) {
                LOG.debug("re-binding {} failed, retrying: {}", address, f.cause().toString());
                group.schedule(this::rebind, 100, TimeUnit.MILLISECONDS);
            }
        });
    }

    private ServerBootstrap bootstrap() {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        // as the API server does with HTTP/2 and its own buffering: replies of many
                        // port-forward streams in one event-loop pass leave as one write
                        ch.pipeline().addLast("flush", new FlushConsolidationHandler(
                                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast("api", new ApiRequestHandler(world, upgrader, credentials, hostPort(),
                                requests));
                    }
                });
    }

    private String hostPort() {
        InetSocketAddress a = address;
        return a == null ? "" : a.getHostString() + ":" + a.getPort();
    }

    @Override
    public void close() {
        closed = true;
        Channel current = listener;
        if (current != null) {
            current.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
    }
}
