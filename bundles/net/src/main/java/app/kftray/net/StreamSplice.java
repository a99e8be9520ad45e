package app.kftray.net;

import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.PortForwardTransport.StreamReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Moves bytes between a local client channel and its stream to a pod. It is both the last
 * handler of the client's pipeline and the stream's {@link StreamReceiver}: pass it to
 * {@code PortForwardTransport.open}, then {@linkplain #attach(PodStream) attach} the stream
 * once open.
 *
 * <p><b>Backpressure.</b> Each side is read only while the other can take more: the client
 * channel's {@code autoRead} follows the stream's {@link PodStream#isWritable()}, and the
 * stream's {@link PodStream#setAutoRead(boolean)} follows the client's
 * {@link Channel#isWritable()}. The splice turns reading off as soon as a write leaves the
 * receiving side unwritable, and sets it from the receiving side's writability whenever that
 * changes (the client's {@code channelWritabilityChanged}, the stream's
 * {@link StreamReceiver#onWritabilityChanged(boolean)}), so a slow reader on either end stops
 * the writer on the other end, and what the splice holds stays near one write buffer's
 * high-water mark plus the reads already under way. Every decision runs on the client's event
 * loop; the stream's callbacks hop there through {@link OnEventLoop}, so they never race with
 * the client's writability changes.
 *
 * <p><b>Before attach.</b> Bytes the pod sends before {@link #attach(PodStream)} wait in arrival
 * order and reach the client first, so a protocol can send its own reply before them; a pod
 * stream that ended meanwhile closes the client once they are flushed. Client bytes read
 * before attach are dropped: keep the client's {@code autoRead} off until then.
 *
 * <p><b>Ends.</b> The client ending its output half-closes the stream (before attach, it closes
 * the client); the stream ending flushes what the client has queued, then closes it; the client
 * closing closes the stream; a failed write to the pod closes the client. Failures are reported
 * through the {@link ConnectionMonitor} as {@code the pod stream failed: …} or the exception's
 * message; the bytes each way are counted as they are forwarded.
 */
public final class StreamSplice extends ChannelInboundHandlerAdapter implements StreamReceiver {
    private final Channel client;
    private final ConnectionMonitor monitor;
    private final HeldBytes early = new HeldBytes();
    private PodStream stream;
    private boolean podEnded;
    /** Whether the pod sent anything: its target works. */
    private boolean podAnswered;

    /**
     * @param client  the local client channel
     * @param monitor where traffic and errors of the connection go
     */
    public StreamSplice(Channel client, ConnectionMonitor monitor) {
        this.client = client;
        this.monitor = monitor;
    }

    /**
     * Writes what the channel has queued, then closes it; safe on a closed channel.
     *
     * @param channel the channel to end
     */
    public static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Starts splicing, or closes the stream if the client has gone meanwhile. Call on the
     * client's event loop, with this handler in the client's pipeline.
     *
     * @param opened the open pod stream
     */
    public void attach(PodStream opened) {
        attach(opened, List.of(), false);
    }

    /**
     * Starts splicing, with what the client sent while the stream was opening, or closes the
     * stream if the client has gone meanwhile. Call on the client's event loop, with this
     * handler in the client's pipeline.
     *
     * @param opened      the open pod stream
     * @param clientEarly bytes the client sent before; ownership passes to the splice
     * @param clientEnded whether the client has already ended its output
     */
    public void attach(PodStream opened, List<ByteBuf> clientEarly, boolean clientEnded) {
        if (!client.isActive()) {
            clientEarly.forEach(ByteBuf::release);
            abandon(opened);
            return;
        }
        stream = opened;
        clientEarly.forEach(this::toPod);
        if (clientEnded) {
            opened.shutdownOutput();
        }
        early.takeAll().forEach(this::toClient);
        if (podEnded) {
            closeOnFlush(client);
            return;
        }
        opened.setAutoRead(client.isWritable());
        client.config().setAutoRead(opened.isWritable());
    }

    /**
     * The client went before the splice started: closes the stream and drops the pod's bytes
     * held for the client. Call on the client's event loop.
     *
     * @param opened the pod stream that will not be spliced
     */
    public void abandon(PodStream opened) {
        early.release();
        opened.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data && stream != null) {
            toPod(data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void toPod(ByteBuf data) {
        monitor.bytesOut(data.readableBytes());
        stream.write(data).whenComplete((ok, error) -> {
            if (error != null) {
                OnEventLoop.run(client, client::close, () -> { });
            }
        });
        if (!stream.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stream != null) {
            stream.setAutoRead(client.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (stream != null) {
                stream.shutdownOutput();
            } else {
                client.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.release();
        if (stream != null) {
            stream.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        monitor.error(cause.getMessage());
        ctx.close();
    }

    @Override
    public void onData(ByteBuf data) {
        OnEventLoop.run(client, () -> fromPod(data), data::release);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        OnEventLoop.run(client, () -> {
            if (stream != null && client.isActive()) {
                client.config().setAutoRead(stream.isWritable());
            }
        }, () -> { });
    }

    @Override
    public void onClosed(Throwable error) {
        OnEventLoop.run(client, () -> {
            podEnded = true;
            if (error != null && !podAnswered) {
                monitor.failedBeforeAnswer("the pod stream failed: " + error.getMessage(), error);
            } else if (error != null && client.isActive()) {
                monitor.error("the pod stream failed: " + error.getMessage());
            }
            if (stream != null) {
                closeOnFlush(client);
            }
        }, () -> { });
    }

    private void fromPod(ByteBuf data) {
        if (!podAnswered) {
            podAnswered = true;
            monitor.reached();
        }
        if (!client.isActive()) {
            data.release();
        } else if (stream == null) {
            early.add(data);
        } else {
            toClient(data);
        }
    }

    private void toClient(ByteBuf data) {
        monitor.bytesIn(data.readableBytes());
        client.writeAndFlush(data, client.voidPromise());
        if (!client.isWritable()) {
            stream.setAutoRead(false);
        }
    }
}
