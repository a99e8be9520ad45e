package app.kftray.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** A loopback server standing in for a pod's container port, with a few behaviours. */
public final class Backend implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Channel server;
    private final ChannelGroup children;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private Backend(EventLoopGroup group, boolean autoRead, Function<Backend, ChannelHandler> behaviour) {
        children = new DefaultChannelGroup("backend", group.next());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, autoRead)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast(behaviour.apply(Backend.this));
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** @return a server echoing every byte; on end of input it flushes and closes */
    public static Backend echo(EventLoopGroup group) {
        return announcing(group, null);
    }

    /**
     * @param name written as {@code name\n} to every new connection, then it echoes
     * @return the server
     */
    public static Backend announcing(EventLoopGroup group, String name) {
        return new Backend(group, true, backend -> backend.new Echo(name));
    }

    /** @return a server that reads until end of input, then answers {@code received N bytes} and closes */
    public static Backend replyAfterEof(EventLoopGroup group) {
        return new Backend(group, true, backend -> backend.new ReplyAfterEof());
    }

    /**
     * @param total bytes to send to each connection as fast as it accepts them, then close
     * @return the server
     */
    public static Backend firehose(EventLoopGroup group, long total) {
        return new Backend(group, true, backend -> backend.new Firehose(total));
    }

    /** @return a server that accepts and does not read until {@link #startReading()} */
    public static Backend stalled(EventLoopGroup group) {
        return new Backend(group, false, backend -> backend.new Counting());
    }

    /** @return its port on 127.0.0.1 */
    public int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** @return bytes written to connections so far */
    public long written() {
        return written.get();
    }

    /** @return bytes read from connections so far */
    public long received() {
        return received.get();
    }

    /** @return connections open right now */
    public int connections() {
        return children.size();
    }

    /** Lets a {@link #stalled} server read again. */
    public void startReading() {
        children.forEach(ch -> ch.config().setAutoRead(true));
    }

    /** Closes every connection but keeps listening. */
    public void dropConnections() {
        children.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        children.close().syncUninterruptibly();
    }

    private static void closeOnFlush(Channel ch) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private class Counting extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            received.addAndGet(data.readableBytes());
            handle(ctx, data);
        }

        void handle(ChannelHandlerContext ctx, ByteBuf data) {
            data.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                endOfInput(ctx);
            }
        }

        void endOfInput(ChannelHandlerContext ctx) {
            closeOnFlush(ctx.channel());
        }

        void send(ChannelHandlerContext ctx, ByteBuf data) {
            written.addAndGet(data.readableBytes());
            ctx.writeAndFlush(data);
        }
    }

    private final class Echo extends Counting {
        private final String name;

        Echo(String name) {
            this.name = name;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (name != null) {
                send(ctx, Unpooled.copiedBuffer(name + "\n", StandardCharsets.UTF_8));
            }
        }

        @Override
        void handle(ChannelHandlerContext ctx, ByteBuf data) {
            send(ctx, data);
        }
    }

    private final class ReplyAfterEof extends Counting {
        private long bytes;

        @Override
        void handle(ChannelHandlerContext ctx, ByteBuf data) {
            bytes += data.readableBytes();
            data.release();
        }

        @Override
        void endOfInput(ChannelHandlerContext ctx) {
            send(ctx, Unpooled.copiedBuffer("received " + bytes + " bytes", StandardCharsets.UTF_8));
            closeOnFlush(ctx.channel());
        }
    }

    private final class Firehose extends Counting {
        private final long total;
        private long sent;

        Firehose(long total) {
            this.total = total;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pump(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            while (ctx.channel().isWritable() && sent < total) {
                int size = (int) Math.min(CHUNK, total - sent);
                ByteBuf chunk = ctx.alloc().buffer(size);
                Pattern.fill(chunk, sent, size);
                sent += size;
                send(ctx, chunk);
            }
            if (sent == total) {
                sent++; // close once
                closeOnFlush(ctx.channel());
            }
        }
    }
}
