package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.RunningForward;
import app.kftray.net.TcpListener;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One bound tcp listener and the connections it accepted. */
final class TcpForward implements RunningForward {
    private final TcpListener listener;
    private final Consumer<TcpForward> onStopped;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private TcpForward(TcpListener listener, Consumer<TcpForward> onStopped) {
        this.listener = listener;
        this.onStopped = onStopped;
    }

    /**
     * Binds the forward's local address and starts accepting.
     *
     * @param context   the forward
     * @param onStopped told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address (and the process holding it) when binding fails
     */
    static TcpForward bind(ForwardContext context, Consumer<TcpForward> onStopped) {
        AtomicLong connectionIds = new AtomicLong();
        // connections read only once their pod stream is open
        TcpListener listener = TcpListener.bind(context.config(), context.group(), false, connection -> {
            String id = Long.toString(connectionIds.incrementAndGet());
            connection.pipeline().addLast(new ClientRelayHandler(context, id));
        });
        return new TcpForward(listener, onStopped);
    }

    @Override
    public InetSocketAddress boundAddress() {
        return listener.boundAddress();
    }

    /** Flushes what each connection still has to send, then closes it; the listener stays. */
    @Override
    public void targetChanged() {
        listener.connections().forEach(ClientRelayHandler::closeOnFlush);
    }

    @Override
    public CompletionStage<Void> stop() {
        listener.close().whenComplete((released, failure) -> {
            onStopped.accept(this);
            stopped.complete(null);
        });
        return stopped;
    }

    /** @return connections open right now */
    int openConnections() {
        return listener.connections().size();
    }

    /** @return the accepted channels, for inspection by tests */
    ChannelGroup connections() {
        return listener.connections();
    }
}
