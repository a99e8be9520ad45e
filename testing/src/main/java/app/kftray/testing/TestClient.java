package app.kftray.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A local client of a forward: sends the {@link Pattern} stream or text, checks what comes
 * back against the pattern and keeps the first bytes as text.
 */
public final class TestClient extends ChannelInboundHandlerAdapter implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final int TEXT_LIMIT = 64 * 1024;

    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private volatile long received;
    private volatile long mismatchAt = -1;
    private volatile long sent;
    private long toSend;
    private Channel channel;

    private TestClient() {
    }

    /**
     * @param group   where the client runs
     * @param address the forward's bound address
     * @return a connected client
     * @throws RuntimeException if the connection is refused
     */
    public static TestClient connect(EventLoopGroup group, InetSocketAddress address) {
        TestClient client = new TestClient();
        client.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(client)
                .connect(address).syncUninterruptibly().channel();
        return client;
    }

    /** @return the client's channel */
    public Channel channel() {
        return channel;
    }

    /** @param message sent as UTF-8 */
    public void send(String message) {
        ByteBuf data = Unpooled.copiedBuffer(message, StandardCharsets.UTF_8);
        sent += data.readableBytes();
        channel.writeAndFlush(data);
    }

    /** @param total pattern bytes to send, as fast as the connection takes them */
    public void sendPattern(long total) {
        channel.eventLoop().execute(() -> {
            toSend = total;
            pump();
        });
    }

    /** Half-closes: the far side sees end of input. */
    public void shutdownOutput() {
        ((SocketChannel) channel).shutdownOutput().syncUninterruptibly();
    }

    /** @param reading whether to read from the socket (false leaves the sender stalled) */
    public void reading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    /** @return bytes received so far */
    public long received() {
        return received;
    }

    /** @return bytes handed to the socket so far */
    public long sent() {
        return sent;
    }

    /** @return the stream position of the first byte that broke the pattern, or -1 */
    public long patternMismatchAt() {
        return mismatchAt;
    }

    /** @return the first received bytes as UTF-8 text */
    public synchronized String text() {
        return text.toString();
    }

    /** @return completes when the connection is closed, by {@link #close()} or by the far side */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        try {
            long offset = received;
            long mismatch = Pattern.firstMismatch(data, offset);
            if (mismatch >= 0 && mismatchAt < 0) {
                mismatchAt = mismatch;
            }
            synchronized (this) {
                if (text.length() < TEXT_LIMIT) {
                    text.append(data.toString(StandardCharsets.UTF_8));
                }
            }
            received = offset + data.readableBytes();
        } finally {
            data.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.complete(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void pump() {
        while (channel.isWritable() && sent < toSend) {
            int size = (int) Math.min(CHUNK, toSend - sent);
            ByteBuf chunk = channel.alloc().buffer(size);
            Pattern.fill(chunk, sent, size);
            sent += size;
            channel.writeAndFlush(chunk);
        }
    }
}
