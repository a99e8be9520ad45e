package app.kftray.helper.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LineBasedFrameDecoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The caller's side of {@code socket.bind}: reads the answer line, switches to receiving
 * descriptors, sends the "ready" byte and takes the listening socket.
 */
final class DescriptorClient {
    /** The answer and, where the helper sent one, the descriptor. */
    record Result(String answer, FileDescriptor descriptor) {
    }

    static Result bind(EventLoopGroup epoll, Path socket, String address, int port) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<FileDescriptor> descriptor = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(epoll).channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(16_384), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof FileDescriptor fd) {
                                    descriptor.complete(fd);
                                    return;
                                }
                                String line = ((ByteBuf) msg).toString(StandardCharsets.UTF_8);
                                ((ByteBuf) msg).release();
                                answer.complete(line);
                                if (line.contains("\"descriptor\":true")) {
                                    ch.config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
                                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'}));
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                answer.complete("");
                                descriptor.complete(null);
                            }
                        });
                    }
                })
                .connect(new DomainSocketAddress(socket.toFile())).sync().channel();
        channel.writeAndFlush(Unpooled.copiedBuffer("{\"version\":1,\"op\":\"socket.bind\",\"address\":\"" + address
                + "\",\"port\":" + port + "}\n", StandardCharsets.UTF_8));
        String line = answer.get(10, TimeUnit.SECONDS);
        FileDescriptor fd = descriptor.get(10, TimeUnit.SECONDS);
        channel.close().sync();
        return new Result(line, fd);
    }
}
