package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.RunningForward;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One bound tcp listener and the connections it accepted. */
final class TcpForward implements RunningForward {
    private final Channel server;
    private final ChannelGroup connections;
    private final Consumer<TcpForward> onStopped;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private TcpForward(Channel server, ChannelGroup connections, Consumer<TcpForward> onStopped) {
        this.server = server;
        this.connections = connections;
        this.onStopped = onStopped;
    }

    /**
     * Binds the forward's local address and starts accepting.
     *
     * @param context   the forward
     * @param onStopped told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address (and the process holding it) when binding fails
     */
    static TcpForward bind(ForwardContext context, Consumer<TcpForward> onStopped) {
        InetSocketAddress address = ListenAddress.of(context.config());
        ChannelGroup connections = new DefaultChannelGroup("tcp " + context.config().displayName(),
                context.group().next());
        AtomicLong connectionIds = new AtomicLong();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(context.group())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        String id = Long.toString(connectionIds.incrementAndGet());
                        ch.pipeline().addLast(new ClientRelayHandler(context, id));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw BindFailure.describe(context.config(), SocketKind.TCP, address, bound.cause());
        }
        return new TcpForward(bound.channel(), connections, onStopped);
    }

    @Override
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Flushes what each connection still has to send, then closes it; the listener stays. */
    @Override
    public void targetChanged() {
        connections.forEach(ClientRelayHandler::closeOnFlush);
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

    /** @return the accepted channels, for inspection by tests */
    ChannelGroup connections() {
        return connections;
    }
}
