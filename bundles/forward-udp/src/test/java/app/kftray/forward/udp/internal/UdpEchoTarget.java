package app.kftray.forward.udp.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The UDP service behind the relay: answers {@code "<text>"} with {@code "echo:<text>"}, and
 * {@code "many <n> <tag>"} with n replies {@code "<tag>#1".."<tag>#n"}.
 */
final class UdpEchoTarget implements AutoCloseable {
    private final Channel channel;

    UdpEchoTarget(EventLoopGroup group) {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        String text = packet.content().toString(StandardCharsets.UTF_8);
                        String[] words = text.split(" ");
                        if (words.length == 3 && words[0].equals("many")) {
                            for (int i = 1; i <= Integer.parseInt(words[1]); i++) {
                                ctx.write(reply(words[2] + "#" + i, packet.sender()));
                            }
                            ctx.flush();
                        } else {
                            ctx.writeAndFlush(reply("echo:" + text, packet.sender()));
                        }
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    private static DatagramPacket reply(String text, InetSocketAddress to) {
        ByteBuf bytes = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
        return new DatagramPacket(bytes, to);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    static String text(ByteBuf bytes) {
        return new String(ByteBufUtil.getBytes(bytes), StandardCharsets.UTF_8);
    }
}
