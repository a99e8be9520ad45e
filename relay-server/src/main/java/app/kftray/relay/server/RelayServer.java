package app.kftray.relay.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running relay: listens for clients and carries their traffic to the target as the
 * {@link RelayConfig} says. Start one with {@link #start}; {@link #close} stops accepting,
 * closes every open flow (after flushing what is queued for it) and releases all threads.
 */
public final class RelayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    private static final int HEALTH_REQUEST_LIMIT = 8192;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final RelayConfig config;
    private final RelayTransport transport;
    private final EventLoopGroup group;
    private final ChannelGroup flows;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean accepting = true;
    private Channel listener;
    private Channel control;
    private Channel health;

    private RelayServer(RelayConfig config, RelayTransport transport) {
        this.config = config;
        this.transport = transport;
        this.group = transport.newGroup();
        this.flows = new DefaultChannelGroup("relay-flows", group.next());
    }

    /**
     * Binds the relay's port (and its health port, if configured) and starts serving, on Linux
     * epoll where Netty's native library loads, else NIO.
     *
     * @param config the relay's settings
     * @return the running relay
     * @throws IllegalStateException if a port cannot be bound; nothing is left running then
     */
    public static RelayServer start(RelayConfig config) {
        return start(config, RelayTransport.best());
    }

    /** As {@link #start(RelayConfig)}, on the given transport. */
    static RelayServer start(RelayConfig config, RelayTransport transport) {
        RelayServer relay = new RelayServer(config, transport);
        try {
            relay.bind();
        } catch (RuntimeException e) {
            relay.shutdownThreads();
            throw e;
        }
        LOG.info("event=started proxy_type={} listen={} {} health={} max_datagram={} io={}",
                config.proxyType().label(), Channels.address(relay.listener.localAddress()),
                relay.control == null ? "target=" + config.remote()
                        : "control=" + Channels.address(relay.control.localAddress()),
                relay.health == null ? "off" : Channels.address(relay.health.localAddress()),
                config.maxDatagramBytes(), relay.transport.label());
        return relay;
    }

    private void bind() {
        ReverseHub hub = new ReverseHub(config);
        ChannelHandler clients = switch (config.proxyType()) {
            case TCP -> new TcpRelayInitializer(config, flows);
            case UDP -> new UdpTunnelInitializer(config, flows, transport);
            case REVERSE -> new ReverseClusterInitializer(config, flows, hub);
        };
        listener = bindServer(config.bindAddress(), config.listenPort(), clients, true);
        if (config.proxyType() == ProxyType.REVERSE) {
            control = bindServer(config.controlBindAddress(), config.controlPort(),
                    new ReverseStreamInitializer(config, flows, hub), true);
        }
        OptionalInt healthPort = config.healthPort();
        if (healthPort.isPresent()) {
            health = bindServer(config.healthBindAddress(), healthPort.getAsInt(), new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(HEALTH_REQUEST_LIMIT),
                            new HealthHandler(() -> accepting));
                }
            }, false);
        }
    }

    /** Client channels start with reads off: each handler reads only when its peer is ready. */
    private Channel bindServer(String host, int port, ChannelHandler childHandler, boolean flowControlled) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(childHandler);
        if (flowControlled) {
            bootstrap.childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.RECVBUF_ALLOCATOR, SpliceHandler.readSizes());
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            return bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + Channels.address(address) + ": " + e, e);
        }
    }

    /** @return the settings this relay runs with */
    public RelayConfig config() {
        return config;
    }

    /** @return the address clients connect to (useful when the configured port was 0) */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** @return the port clients connect to */
    public int port() {
        return address().getPort();
    }

    /** @return reverse mode: the address the local side's streams connect to; empty in other modes */
    public java.util.Optional<InetSocketAddress> controlAddress() {
        return control == null ? java.util.Optional.empty()
                : java.util.Optional.of((InetSocketAddress) control.localAddress());
    }

    /** @return the port of the health endpoint, empty when it is off */
    public OptionalInt healthPort() {
        return health == null ? OptionalInt.empty()
                : OptionalInt.of(((InetSocketAddress) health.localAddress()).getPort());
    }

    /** @return client streams open right now */
    public int openFlows() {
        return flows.size();
    }

    /** @return whether the relay still accepts clients */
    public boolean isAccepting() {
        return accepting;
    }

    /**
     * Stops accepting, closes every open flow once its queued data is flushed, and stops all
     * threads. Idempotent; returns when everything is released, so it must not be called from
     * one of the relay's own event-loop threads.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!accepting) {
                awaitClosed();
                return;
            }
            accepting = false;
        }
        LOG.info("event=stopping open_flows={}", flows.size());
        listener.close().syncUninterruptibly();
        if (control != null) {
            control.close().syncUninterruptibly();
        }
        flows.forEach(Channels::closeOnFlush);
        flows.newCloseFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (health != null) {
            health.close().syncUninterruptibly();
        }
        shutdownThreads();
        LOG.info("event=stopped");
        closed.countDown();
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownThreads() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
