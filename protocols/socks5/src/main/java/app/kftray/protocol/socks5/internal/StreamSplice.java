package app.kftray.protocol.socks5.internal;

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
import java.util.concurrent.RejectedExecutionException;

/**
 * Moves bytes between a client that finished its SOCKS handshake and its pod stream, with
 * backpressure both ways: the client is read only while the stream is writable, the
 * stream only while the client is writable. The stream's callbacks hop onto the client's
 * event loop, so every decision runs on one thread. Bytes the pod sends before the splice
 * is attached (before the CONNECT reply went out) wait, so they never precede the reply.
 */
final class StreamSplice extends ChannelInboundHandlerAdapter implements StreamReceiver {
    private final Channel client;
    private final ClientMonitor monitor;
    private final HeldBytes early = new HeldBytes();
    private PodStream stream;
    private boolean podEnded;

    StreamSplice(Channel client, ClientMonitor monitor) {
        this.client = client;
        this.monitor = monitor;
    }

    /**
     * Starts splicing; call on the client's loop after the CONNECT reply was written and
     * this handler was added to the pipeline.
     *
     * @param opened       the pod stream
     * @param clientEarly  bytes the client sent along with its request; ownership passes to the stream
     * @param clientEnded  whether the client already ended its side
     */
    void attach(PodStream opened, List<ByteBuf> clientEarly, boolean clientEnded) {
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
                onLoop(client::close, () -> { });
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
        if (event instanceof ChannelInputShutdownEvent && stream != null) {
            stream.shutdownOutput();
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
        onLoop(() -> fromPod(data), data::release);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        onLoop(() -> {
            if (stream != null && client.isActive()) {
                client.config().setAutoRead(stream.isWritable());
            }
        }, () -> { });
    }

    @Override
    public void onClosed(Throwable error) {
        onLoop(() -> {
            podEnded = true;
            if (error != null && client.isActive()) {
                monitor.error("the pod stream failed: " + error.getMessage());
            }
            if (stream != null) {
                closeOnFlush(client);
            }
        }, () -> { });
    }

    private void fromPod(ByteBuf data) {
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

    private void onLoop(Runnable task, Runnable ifLoopGone) {
        if (client.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            client.eventLoop().execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            ifLoopGone.run();
        }
    }

    /** Writes what is queued, then closes; safe on a closed channel. */
    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
