package app.kftray.helper.client.internal;

import app.kftray.api.HostsHelper.LowPortListener;
import app.kftray.api.KftrayException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code socket.bind} as helper/PROTOCOL.md describes it: the answer line, then, once this side
 * receives descriptors, a "ready" byte and the listening socket as an SCM_RIGHTS message. Needs
 * Netty's epoll transport, which also serves the socket afterwards.
 */
final class DescriptorExchange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DescriptorExchange() {
    }

    /**
     * @param epoll   epoll event loops: the exchange's and, afterwards, the socket's
     * @param helper  the helper's socket and timeout
     * @param address where to listen
     * @return the received socket
     * @throws KftrayException if the helper refuses or does not answer in time
     */
    static LowPortListener bind(EventLoopGroup epoll, HelperSocket helper, InetSocketAddress address) {
        Path socket = helper.path();
        long timeoutMillis = helper.timeoutMillis();
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<FileDescriptor> descriptor = new CompletableFuture<>();
        ChannelFuture connected = new Bootstrap().group(epoll).channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(16_384), new Receiver(answer, descriptor));
                    }
                })
                .connect(new DomainSocketAddress(socket.toFile())).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw helper.notRunning(connected.cause());
        }
        Channel channel = connected.channel();
        try {
            String request = HelperSocket.request("socket.bind")
                    .put("address", address.getAddress().getHostAddress()).put("port", address.getPort()) + "\n";
            channel.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
            JsonNode reply = JSON.readTree(answer.get(timeoutMillis, TimeUnit.MILLISECONDS));
            if (!reply.path("ok").asBoolean(false)) {
                throw HelperSocket.refused("socket.bind", reply);
            }
            int fd = descriptor.get(timeoutMillis, TimeUnit.MILLISECONDS).intValue();
            return new LowPortListener(epoll, () -> new EpollServerSocketChannel(fd));
        } catch (TimeoutException e) {
            throw new KftrayException("the kftray helper did not pass the socket for " + address + " within "
                    + timeoutMillis + " ms");
        } catch (ExecutionException | IOException e) {
            throw new KftrayException("the kftray helper could not pass the socket for " + address + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KftrayException("interrupted while the kftray helper bound " + address, e);
        } finally {
            channel.close();
        }
    }

    /** Takes the answer line, then switches to descriptors and says it is ready for one. */
    private static final class Receiver extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> answer;
        private final CompletableFuture<FileDescriptor> descriptor;

        Receiver(CompletableFuture<String> answer, CompletableFuture<FileDescriptor> descriptor) {
            this.answer = answer;
            this.descriptor = descriptor;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FileDescriptor received) {
                descriptor.complete(received);
                return;
            }
            String line = ((ByteBuf) msg).toString(StandardCharsets.UTF_8);
            ((ByteBuf) msg).release();
            if (line.contains("\"descriptor\":true")) {
                ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.FILE_DESCRIPTORS);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'}));
            }
            answer.complete(line);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            answer.complete("{\"ok\":false,\"error\":\"the helper closed the connection\"}");
            descriptor.completeExceptionally(new IOException("the helper closed the connection before passing it"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            descriptor.completeExceptionally(cause);
            ctx.close();
        }
    }
}
