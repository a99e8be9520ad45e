package app.kftray.relay.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Small channel helpers shared by the relay's handlers. */
final class Channels {

    private Channels() {
    }

    /** Closes a channel once everything already written to it has been flushed. */
    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** @return whether the peer has ended its side of the channel (its input is shut down) */
    static boolean inputEnded(Channel channel) {
        return channel instanceof DuplexChannel duplex && duplex.isInputShutdown();
    }

    /** @return the remote end of a channel as {@code ip:port}, for logs */
    static String peer(Channel channel) {
        return address(channel.remoteAddress());
    }

    /** @return an address as {@code ip:port} (no host-name lookup), for logs */
    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** @return the short id used as {@code flow=} in every log line of one client stream */
    static String flowId(Channel channel) {
        return channel.id().asShortText();
    }
}
