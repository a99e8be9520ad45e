package app.kftray.relay.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback UDP service in the manner of a DNS server: it answers each datagram at its
 * sender. A text request {@code "ask <tag> <count> <delayMs>"} gets {@code count} replies
 * {@code "<tag>#1"} .. {@code "<tag>#count"} after {@code delayMs}; anything else is echoed once.
 * It records the source addresses it heard from.
 */
public final class UdpResponder implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final Set<InetSocketAddress> senders = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    public UdpResponder() {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                .handler(new Answer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** @return every source address a datagram came from */
    public Set<InetSocketAddress> senders() {
        return senders;
    }

    /** @return the text of every datagram received, in arrival order */
    public List<String> received() {
        return received;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answer extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress sender = packet.sender();
            senders.add(sender);
            String text = packet.content().toString(StandardCharsets.UTF_8);
            received.add(text);
            String[] words = text.split(" ");
            if (words.length == 4 && words[0].equals("ask")) {
                int count = Integer.parseInt(words[2]);
                long delay = Long.parseLong(words[3]);
                ctx.executor().schedule(() -> {
                    for (int i = 1; i <= count; i++) {
                        ByteBuf reply = Unpooled.copiedBuffer(words[1] + "#" + i, StandardCharsets.UTF_8);
                        ctx.write(new DatagramPacket(reply, sender));
                    }
                    ctx.flush();
                }, delay, TimeUnit.MILLISECONDS);
            } else {
                ctx.writeAndFlush(new DatagramPacket(packet.content().retain(), sender));
            }
        }
    }
}
