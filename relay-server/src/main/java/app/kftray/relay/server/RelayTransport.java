package app.kftray.relay.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Locale;

/**
 * The relay's I/O: Linux epoll where Netty's native library loads (fewer system calls per
 * datagram: replies are read with recvmmsg and datagrams sent with sendmmsg), else the JDK's
 * selector. The event loops and every channel the relay opens must come from the same one.
 */
enum RelayTransport {
    EPOLL, NIO;

    /** @return epoll when this machine can use it, else NIO */
    static RelayTransport best() {
        try {
            return Epoll.isAvailable() ? EPOLL : NIO;
        } catch (LinkageError epollClassesMissing) {
            // an optional dependency: an embedding application may not have Netty's epoll jars
            return NIO;
        }
    }

    /**
     * @return a group of one event loop per core the relay may use (the JVM counts its pod's CPU limit), not
     *     Netty's default of two per core: the relay never blocks, and flows on one loop share its wake-ups,
     *     where a loop of their own costs each datagram a context switch more on the way in and out
     */
    EventLoopGroup newGroup() {
        // created only when chosen: epoll's factory fails where its native library is missing
        IoHandlerFactory handlers = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(NettyRuntime.availableProcessors(), new DefaultThreadFactory("relay-io"),
                handlers);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** @return the name used in logs */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
