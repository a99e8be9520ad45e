package app.kftray.net;

import app.kftray.api.HostsHelper;
import app.kftray.api.KftrayException;
import app.kftray.api.model.ForwardConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A forward's TCP listener and the connections it accepted: accepted connections allow half-closure
 * and send without delay; closing frees the port before it completes.
 */
public final class TcpListener {
    private final Channel server;
    private final ChannelGroup connections;

    private TcpListener(Channel server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Binds the forward's local address; blocks until bound, so it must not be called on an event loop.
     *
     * @param config   the forward
     * @param group    the event loops of the listener and its connections
     * @param autoRead whether accepted connections start reading at once
     * @param accepted sets up each accepted connection's pipeline
     * @return the bound listener
     * @throws KftrayException naming the address (and the process holding it) when binding fails
     */
    public static TcpListener bind(ForwardConfig config, EventLoopGroup group, boolean autoRead,
                                   Consumer<SocketChannel> accepted) {
        return bind(config, group, Optional.empty(), autoRead, accepted);
    }

    /**
     * As {@link #bind(ForwardConfig, EventLoopGroup, boolean, Consumer)}; a port below 1024 that
     * this process may not bind is bound by the privileged helper, when there is one, and served
     * on the helper client's event loops.
     *
     * @param config   the forward
     * @param group    the event loops of the listener and its connections
     * @param helper   the privileged helper's client, if installed
     * @param autoRead whether accepted connections start reading at once
     * @param accepted sets up each accepted connection's pipeline
     * @return the bound listener
     * @throws KftrayException naming the address (and the process holding it) when binding fails
     */
    public static TcpListener bind(ForwardConfig config, EventLoopGroup group, Optional<HostsHelper> helper,
                                   boolean autoRead, Consumer<SocketChannel> accepted) {
        InetSocketAddress address = ListenAddress.of(config);
        ChannelGroup connections = new DefaultChannelGroup(config.protocol() + " " + config.displayName(),
                group.next());
        ChannelFuture bound = server(group, connections, autoRead, accepted)
                .channel(NioServerSocketChannel.class)
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess() && helper.isPresent() && BindFailure.needsPrivilege(address, bound.cause())) {
            bound = throughHelper(config, address, helper.get(), connections, autoRead, accepted);
        }
        if (!bound.isSuccess()) {
            throw BindFailure.describe(config, SocketKind.TCP, address, bound.cause());
        }
        return new TcpListener(bound.channel(), connections);
    }

    private static ServerBootstrap server(EventLoopGroup group, ChannelGroup connections, boolean autoRead,
                                          Consumer<SocketChannel> accepted) {
        return new ServerBootstrap()
                .group(group)
                .childOption(ChannelOption.AUTO_READ, autoRead)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connections.add(connection);
                        accepted.accept(connection);
                    }
                });
    }

    /** The helper binds the socket and passes it here; it is registered already listening, not bound again. */
    private static ChannelFuture throughHelper(ForwardConfig config, InetSocketAddress address, HostsHelper helper,
                                               ChannelGroup connections, boolean autoRead,
                                               Consumer<SocketChannel> accepted) {
        HostsHelper.LowPortListener listener;
        try {
            listener = helper.bindLowPort(address);
        } catch (KftrayException e) {
            throw new KftrayException("forward '" + config.displayName() + "' cannot listen on "
                    + ListenAddress.text(address) + ": a port below 1024 needs root or the kftray helper, and "
                    + e.getMessage(), e);
        }
        return server(listener.group(), connections, autoRead, accepted)
                .channelFactory(listener.channel())
                .register()
                .awaitUninterruptibly();
    }

    /** @return the address actually bound (port 0 replaced by the chosen port) */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** @return the connections accepted and still open */
    public ChannelGroup connections() {
        return connections;
    }

    /** @return closes the listener, then its connections; completes once their ports are free */
    public CompletableFuture<Void> close() {
        return SocketRelease.close(server, connections);
    }
}
