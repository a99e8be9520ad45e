package app.kftray.helper.client.internal;

import app.kftray.api.HostsHelper.LowPortListener;
import app.kftray.api.KftrayException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Listening sockets on low ports, bound by the helper and served here on epoll event loops of
 * their own (a passed descriptor needs Netty's native transport; the rest of kftray runs on NIO,
 * and the connections' pod streams stay there). The loops start with the first such socket.
 */
final class LowPorts implements AutoCloseable {
    private final HelperSocket helper;
    private EventLoopGroup epoll;

    LowPorts(HelperSocket helper) {
        this.helper = helper;
    }

    /**
     * @param address where to listen, port below 1024
     * @return the socket the helper bound
     * @throws KftrayException if the helper is missing or refuses, or this platform has no epoll
     */
    LowPortListener bind(InetSocketAddress address) {
        helper.requireInstalled();
        return DescriptorExchange.bind(loops(), helper, address);
    }

    private synchronized EventLoopGroup loops() {
        if (epoll == null) {
            try {
                Epoll.ensureAvailability();
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | RuntimeException e) {
                throw new KftrayException("ports below 1024 through the helper need Linux and Netty's epoll transport: "
                        + causes(e));
            }
            epoll = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("kftray-low-ports", true),
                    EpollIoHandler.newFactory());
        }
        return epoll;
    }

    /** The whole chain: the native loader's first words say little, its causes say what to fix. */
    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (epoll != null) {
            epoll.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            epoll = null;
        }
    }
}
