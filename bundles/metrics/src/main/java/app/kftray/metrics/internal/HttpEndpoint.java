package app.kftray.metrics.internal;

import app.kftray.api.KftrayException;
import app.kftray.api.model.ListenEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * The endpoint's HTTP/1.1 server on the shared event loops. Requests are small GETs: bodies
 * past {@value #MAX_REQUEST_BYTES} bytes are refused and idle connections close after
 * {@value #IDLE_SECONDS} s.
 */
final class HttpEndpoint {
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final int IDLE_SECONDS = 30;

    private final Channel server;
    private final ChannelGroup connections;

    private HttpEndpoint(Channel server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Binds; blocks until bound, so it must not be called on an event loop.
     *
     * @param endpoint where to listen
     * @param group    the event loops
     * @param routes   answers the requests
     * @return the listening endpoint
     * @throws KftrayException naming the address when it cannot listen there
     */
    static HttpEndpoint bind(ListenEndpoint endpoint, EventLoopGroup group, ChannelHandler routes) {
        ChannelGroup connections = new DefaultChannelGroup("metrics", group.next());
        InetSocketAddress address = new InetSocketAddress(endpoint.address(), endpoint.port());
        ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connections.add(connection);
                        connection.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS), new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES), routes);
                    }
                })
                .bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            String why = cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")
                    ? "the port is already in use; stop the process holding it or choose another port"
                    : String.valueOf(cause.getMessage());
            throw new KftrayException("cannot listen on " + endpoint + ": " + why, cause);
        }
        return new HttpEndpoint(bound.channel(), connections);
    }

    /** @return the address bound (port 0 replaced by the chosen port) */
    InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Closes the listener and its connections; returns once the port is free. */
    void close() {
        server.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
