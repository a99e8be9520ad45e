package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.PortForwardTransport.PodStream;
import app.kftray.api.model.ResolvedTarget;
import app.kftray.net.ConnectionAccounting;
import app.kftray.net.ConnectionMonitor;
import app.kftray.net.OnEventLoop;
import app.kftray.net.StreamSplice;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the pod stream of one accepted client connection, to the forward's current target, and
 * hands it to the connection's {@link StreamSplice}; the splice moves the bytes. The client is
 * not read until then. A client that leaves first cancels the opening. The stream is opened
 * pipelined: a refusal may come after it was handed over, and then ends the connection through the
 * splice as a failed one.
 */
final class PodStreamOpener extends ChannelInboundHandlerAdapter {
    private final ForwardContext context;
    private final String connectionId;
    private final String peer;
    private final ConnectionMonitor monitor;
    private final StreamSplice splice;
    /** The stream being opened, cancelled if the client leaves first. */
    private CompletableFuture<PodStream> opening;
    /** When the client arrived ({@link System#nanoTime()}), for the connect latency. */
    private long arrived;

    private PodStreamOpener(ForwardContext context, String connectionId, String peer, ConnectionMonitor monitor,
                            StreamSplice splice) {
        this.context = context;
        this.connectionId = connectionId;
        this.peer = peer;
        this.monitor = monitor;
        this.splice = splice;
    }

    /**
     * Sets up an accepted connection: accounting, this opener, then the splice.
     *
     * @param client       the accepted connection, not reading yet
     * @param context      the forward
     * @param connectionId the connection within the forward
     */
    static void install(Channel client, ForwardContext context, String connectionId) {
        String peer = String.valueOf(client.remoteAddress());
        ConnectionMonitor monitor = new ConnectionMonitor(context.monitor(), "connection from " + peer);
        StreamSplice splice = new StreamSplice(client, monitor);
        client.pipeline().addLast(new ConnectionAccounting(context.monitor()),
                new PodStreamOpener(context, connectionId, peer, monitor, splice), splice);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        arrived = System.nanoTime();
        ResolvedTarget target;
        try {
            target = context.currentTarget();
        } catch (KftrayException noTarget) {
            context.monitor().connectionError("connection from " + peer + " refused: " + noTarget.getMessage());
            client.close();
            return;
        }
        ConnectionTap.open(context, connectionId).ifPresent(tap -> ctx.pipeline().addAfter(ctx.name(), null, tap));
        opening = openStream(client, target);
        opening.whenComplete((opened, error) -> OnEventLoop.run(client,
                () -> streamOpened(client, target, opened, error), () -> closeQuietly(opened)));
        ctx.fireChannelActive();
    }

    private CompletableFuture<PodStream> openStream(Channel client, ResolvedTarget target) {
        try {
            // the stream shares the client's loop, unless the client is served elsewhere (a helper's socket);
            // pipelined: the client's first bytes follow the request without waiting for the server's reply,
            // and a refusal after that reaches the splice, which counts it as a failed connection
            return context.transport().openPipelined(target.pod(), target.port(), splice,
                    OnEventLoop.within(context.group(), client.eventLoop())).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void streamOpened(Channel client, ResolvedTarget target, PodStream opened, Throwable error) {
        opening = null;
        if (error == null) {
            splice.attach(opened);
            context.monitor().targetConnected(Duration.ofNanos(System.nanoTime() - arrived));
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            return; // the client left before the stream was open; nothing failed
        }
        monitor.error("cannot open a stream to " + target + ": " + cause.getMessage());
        context.monitor().targetFailed(cause);
        client.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (opening != null) {
            opening.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private static void closeQuietly(PodStream opened) {
        if (opened != null) {
            opened.close();
        }
    }
}
