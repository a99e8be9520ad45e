package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ForwardMonitor;
import app.kftray.api.KftrayException;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ResolvedTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Splices one accepted client connection onto a stream to the pod. Backpressure follows
 * writability both ways: the client is read only while the pod stream is writable, and the
 * pod stream is read only while the client is writable. Everything that touches the client
 * runs on its event loop; {@link PodReceiver} moves the pod's callbacks there.
 */
final class ClientRelayHandler extends ChannelInboundHandlerAdapter {
    private final ForwardContext context;
    private final ForwardMonitor monitor;
    private final String connectionId;
    private ConnectionTap tap = ConnectionTap.NONE;
    private Channel client;
    private String peer;
    private PodStream stream;
    /** The stream being opened, cancelled if the client leaves first. */
    private CompletableFuture<PodStream> opening;

    ClientRelayHandler(ForwardContext context, String connectionId) {
        this.context = context;
        this.monitor = context.monitor();
        this.connectionId = connectionId;
    }

    /** Writes what is queued, then closes; safe on a closed channel. */
    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        peer = String.valueOf(client.remoteAddress());
        monitor.connectionOpened(peer);
        ResolvedTarget target;
        try {
            target = context.currentTarget();
        } catch (KftrayException noTarget) {
            monitor.connectionError("connection from " + peer + " refused: " + noTarget.getMessage());
            client.close();
            return;
        }
        tap = ConnectionTap.open(context, connectionId);
        opening = openStream(target);
        opening.whenComplete((opened, error) -> onLoop(() -> streamOpened(target, opened, error),
                () -> closeQuietly(opened)));
    }

    private CompletableFuture<PodStream> openStream(ResolvedTarget target) {
        try {
            return context.transport().open(target.pod(), target.port(), new PodReceiver(client, this), client.eventLoop())
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void streamOpened(ResolvedTarget target, PodStream opened, Throwable error) {
        opening = null;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return; // the client left before the stream was open; nothing failed
            }
            monitor.connectionError("connection from " + peer + ": cannot open a stream to " + target + ": "
                    + cause.getMessage());
            monitor.targetFailed(cause);
            client.close();
            return;
        }
        if (!client.isActive()) {
            opened.close();
            return;
        }
        stream = opened;
        opened.setAutoRead(client.isWritable());
        client.config().setAutoRead(opened.isWritable());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (stream == null) {
            ReferenceCountUtil.release(data);
            return;
        }
        int bytes = data.readableBytes();
        tap.clientBytes(data);
        stream.write(data).whenComplete((ok, error) -> {
            if (error != null) {
                onLoop(() -> client.close(), () -> { });
            }
        });
        monitor.bytesOut(bytes);
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
        if (stream != null) {
            stream.close();
        } else if (opening != null) {
            opening.cancel(false);
        }
        tap.close();
        monitor.connectionClosed(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        monitor.connectionError("connection from " + peer + ": " + cause.getMessage());
        ctx.close();
    }

    /** Called on the client's event loop with bytes from the pod; takes ownership. */
    void podData(ByteBuf data) {
        if (!client.isActive()) {
            data.release();
            return;
        }
        int bytes = data.readableBytes();
        tap.serverBytes(data);
        client.writeAndFlush(data, client.voidPromise());
        monitor.bytesIn(bytes);
        if (!client.isWritable() && stream != null) {
            stream.setAutoRead(false);
        }
    }

    /** Called on the client's event loop when the pod stream's writability changed. */
    void podWritabilityChanged() {
        if (stream != null && client.isActive()) {
            client.config().setAutoRead(stream.isWritable());
        }
    }

    /** Called on the client's event loop when the pod stream ended. */
    void podClosed(Throwable error) {
        if (error != null && client.isActive()) {
            monitor.connectionError("connection from " + peer + ": the pod stream failed: " + error.getMessage());
        }
        closeOnFlush(client);
    }

    private void onLoop(Runnable task, Runnable ifLoopGone) {
        PodReceiver.runOn(client, task, ifLoopGone);
    }

    private static void closeQuietly(PodStream opened) {
        if (opened != null) {
            opened.close();
        }
    }
}
