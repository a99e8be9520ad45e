package app.kftray.net;

import app.kftray.api.RunningForward;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A running forward served by one {@link TcpListener}: the bound listener and the connections it
 * accepted. Stopping closes the listener, then every connection, and completes once their ports
 * are free again. A protocol handler's forward extends it and says what a target change means
 * for its connections.
 */
public abstract class TcpListenerForward implements RunningForward {
    private final TcpListener listener;
    private final Consumer<? super TcpListenerForward> onStopped;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /**
     * @param listener  the bound listener
     * @param onStopped told once the forward has stopped, for example {@link LiveForwards#remove}
     */
    protected TcpListenerForward(TcpListener listener, Consumer<? super TcpListenerForward> onStopped) {
        this.listener = listener;
        this.onStopped = onStopped;
    }

    @Override
    public final InetSocketAddress boundAddress() {
        return listener.boundAddress();
    }

    @Override
    public final CompletionStage<Void> stop() {
        listener.close().whenComplete((released, failure) -> {
            onStopped.accept(this);
            stopped.complete(null);
        });
        return stopped;
    }

    /** @return connections open right now */
    public final int openConnections() {
        return listener.connections().size();
    }

    /** @return the accepted connections still open */
    public final ChannelGroup connections() {
        return listener.connections();
    }

    /** Flushes what each open connection still has to send, then closes it; the listener stays. */
    protected final void closeConnectionsOnFlush() {
        listener.connections().forEach(StreamSplice::closeOnFlush);
    }
}
