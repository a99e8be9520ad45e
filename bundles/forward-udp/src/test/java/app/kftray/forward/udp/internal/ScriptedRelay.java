package app.kftray.forward.udp.internal;

import app.kftray.relay.protocol.DatagramFraming;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A misbehaving relay for the tests: it reads real frames and answers by command, writing raw
 * bytes where a real relay would not. {@code bad}: an oversize length prefix; {@code cut}: a
 * frame cut short, then end of stream; {@code quiet}: a zero-length frame, then
 * {@code after-keepalive}; {@code fuzz <seed>}: random bytes, then end of stream; anything
 * else: a proper {@code echo:<text>} frame.
 */
final class ScriptedRelay implements AutoCloseable {
    private final Channel server;

    ScriptedRelay(EventLoopGroup group) {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DatagramFraming.addCodec(ch.pipeline(), DatagramFraming.MAX_DATAGRAM_BYTES);
                        ch.pipeline().addLast(new Script());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    private static final class Script extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf datagram) {
            String text = datagram.toString(StandardCharsets.UTF_8);
            // raw bytes go in front of the frame encoder, straight to the socket
            ChannelHandlerContext raw = ctx.pipeline().context(DatagramFraming.DECODER_NAME);
            if (text.equals("bad")) {
                raw.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {-1, -1, -1, -1}));
            } else if (text.equals("cut")) {
                raw.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 16, 'a', 'b'}))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (text.equals("quiet")) {
                raw.write(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0}));
                ctx.writeAndFlush(Unpooled.copiedBuffer("after-keepalive", StandardCharsets.UTF_8));
            } else if (text.startsWith("fuzz ")) {
                byte[] noise = new byte[64];
                new Random(Long.parseLong(text.substring(5))).nextBytes(noise);
                raw.writeAndFlush(Unpooled.wrappedBuffer(noise)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(Unpooled.copiedBuffer("echo:" + text, StandardCharsets.UTF_8));
            }
        }
    }
}
