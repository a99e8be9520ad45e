package app.kftray.testing;

import app.kftray.api.KubeException;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.model.PodRef;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PortForwardTransport} whose "pod" is a local socket: the target port is the port
 * of a loopback server. Real sockets, so the splice under test moves real bytes.
 */
public final class LoopbackTransport implements PortForwardTransport {
    private final EventLoopGroup group;
    private final ChannelGroup streams;
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicInteger refusalsToInject = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicLong writes = new AtomicLong();

    /** @param group where the stream sockets run */
    public LoopbackTransport(EventLoopGroup group) {
        this.group = group;
        this.streams = new DefaultChannelGroup("streams", group.next());
    }

    /** @param count how many following opens fail as if the API server refused them */
    public void failNextOpens(int count) {
        failuresToInject.set(count);
    }

    /**
     * @param count how many following pipelined opens hand out a stream that the API server then refuses:
     *              its writes go nowhere and its receiver is told the error
     */
    public void refuseNextPipelinedOpens(int count) {
        refusalsToInject.set(count);
    }

    /** @return streams open right now */
    public int openStreams() {
        return streams.size();
    }

    /** @return streams opened since creation */
    public int openedStreams() {
        return opened.get();
    }

    /** @return writes to all streams so far */
    public long writes() {
        return writes.get();
    }

    /** @return the most bytes any open stream has queued but not yet written to its socket */
    public long maxPendingBytes() {
        return streams.stream().mapToLong(Channels::pendingBytes).max().orElse(0);
    }

    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver) {
        return open(pod, port, receiver, group);
    }

    /** Like the real transport: the stream's connection runs on the caller's loop when it names one. */
    @Override
    public CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoop loop) {
        return open(pod, port, receiver, (EventLoopGroup) loop);
    }

    /** Like the real transport's, a stream may be refused after it was handed out (see {@link #refuseNextPipelinedOpens}). */
    @Override
    public CompletionStage<PodStream> openPipelined(PodRef pod, int port, StreamReceiver receiver, EventLoop loop) {
        if (refusalsToInject.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return open(pod, port, receiver, loop);
        }
        // refused a moment later, as a reply or an error message arrives after the stream was handed out
        loop.schedule(() -> receiver.onClosed(new KubeException(KubeException.Reason.UNREACHABLE,
                "port-forward to " + pod + ":" + port + " was reset by the server (injected refusal)", null)),
                10, TimeUnit.MILLISECONDS);
        // writes are dropped, as the server drops data of a refused stream
        return CompletableFuture.completedFuture(new SinkPodStream(data -> { }));
    }

    private CompletionStage<PodStream> open(PodRef pod, int port, StreamReceiver receiver, EventLoopGroup loops) {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new KubeException(KubeException.Reason.UNREACHABLE,
                    "cannot open a stream to " + pod + ":" + port + " (injected failure)", null));
        }
        CompletableFuture<PodStream> result = new CompletableFuture<>();
        new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .handler(new ReceiverAdapter(receiver))
                .connect("127.0.0.1", port)
                .addListener((ChannelFuture connected) -> {
                    if (connected.isSuccess()) {
                        streams.add(connected.channel());
                        opened.incrementAndGet();
                        result.complete(new LoopbackStream(connected.channel(), writes));
                    } else {
                        result.completeExceptionally(new KubeException(KubeException.Reason.UNREACHABLE,
                                "cannot connect to " + pod + ":" + port, connected.cause()));
                    }
                });
        return result;
    }

    private static final class ReceiverAdapter extends ChannelInboundHandlerAdapter {
        private final StreamReceiver receiver;
        private Throwable failure;

        ReceiverAdapter(StreamReceiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            receiver.onData((ByteBuf) msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            receiver.onWritabilityChanged(ctx.channel().isWritable());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            receiver.onClosed(failure);
        }
    }

    private record LoopbackStream(Channel channel, AtomicLong writes) implements PodStream {
        @Override
        public CompletionStage<Void> write(ByteBuf data) {
            writes.incrementAndGet();
            CompletableFuture<Void> written = new CompletableFuture<>();
            channel.writeAndFlush(data).addListener(f -> {
                if (f.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(f.cause());
                }
            });
            return written;
        }

        @Override
        public boolean isWritable() {
            return channel.isWritable();
        }

        @Override
        public void setAutoRead(boolean read) {
            channel.config().setAutoRead(read);
        }

        @Override
        public void shutdownOutput() {
            ((SocketChannel) channel).shutdownOutput();
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
