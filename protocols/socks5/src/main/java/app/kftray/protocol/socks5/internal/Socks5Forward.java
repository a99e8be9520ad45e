package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.RunningForward;
import app.kftray.api.model.ClusterRef;
import app.kftray.api.model.ForwardConfig;
import app.kftray.net.BindFailure;
import app.kftray.net.ListenAddress;
import app.kftray.net.SocketKind;
import app.kftray.net.SocketRelease;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One bound SOCKS5 listener of a forward and the connections it accepted. */
final class Socks5Forward implements RunningForward {
    private final Channel server;
    private final ChannelGroup connections;
    private final Consumer<Socks5Forward> onStopped;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Socks5Forward(Channel server, ChannelGroup connections, Consumer<Socks5Forward> onStopped) {
        this.server = server;
        this.connections = connections;
        this.onStopped = onStopped;
    }

    /**
     * Binds the forward's local address; blocks until bound.
     *
     * @param context   the forward
     * @param policy    the settings each new connection uses (they may change while running)
     * @param lookups   where blocking name lookups run
     * @param onStopped told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address when binding fails
     */
    static Socks5Forward bind(ForwardContext context, Supplier<Socks5Policy> policy, Executor lookups,
                              Consumer<Socks5Forward> onStopped) {
        ForwardConfig config = context.config();
        InetSocketAddress address = ListenAddress.of(config);
        PodConnector connector = new PodConnector(
                new ClusterDestinations(context.kube(), ClusterRef.of(config), config.namespace()),
                context.transport(), lookups);
        ChannelGroup connections = new DefaultChannelGroup("socks5 " + config.displayName(), context.group().next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(context.group())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        Socks5Pipeline.install(ch.pipeline(), policy.get(), connector, context.monitor());
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw BindFailure.describe(config, SocketKind.TCP, address, bound.cause());
        }
        return new Socks5Forward(bound.channel(), connections, onStopped);
    }

    @Override
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Each connection resolved its own pod when it was opened; a forward-wide target change means nothing here. */
    @Override
    public void targetChanged() {
    }

    @Override
    public CompletionStage<Void> stop() {
        SocketRelease.close(server, connections).whenComplete((released, failure) -> {
            onStopped.accept(this);
            stopped.complete(null);
        });
        return stopped;
    }

    /** @return connections open right now */
    int openConnections() {
        return connections.size();
    }

}
