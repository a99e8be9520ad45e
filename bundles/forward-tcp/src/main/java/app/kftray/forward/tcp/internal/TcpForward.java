package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.net.TcpListener;
import app.kftray.net.TcpListenerForward;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One bound tcp listener and the connections it accepted, each spliced onto a stream to the current pod. */
final class TcpForward extends TcpListenerForward {
    private TcpForward(TcpListener listener, Consumer<? super TcpListenerForward> onStopped) {
        super(listener, onStopped);
    }

    /**
     * Binds the forward's local address and starts accepting.
     *
     * @param context   the forward
     * @param onStopped told once the forward has stopped
     * @return the bound forward
     * @throws KftrayException naming the address (and the process holding it) when binding fails
     */
    static TcpForward bind(ForwardContext context, Consumer<? super TcpListenerForward> onStopped) {
        AtomicLong connectionIds = new AtomicLong();
        // connections read only once their pod stream is open
        TcpListener listener = TcpListener.bind(context.config(), context.group(), context.hostsHelper(), false,
                connection ->
                PodStreamOpener.install(connection, context, Long.toString(connectionIds.incrementAndGet())));
        return new TcpForward(listener, onStopped);
    }

    /** Flushes what each connection still has to send, then closes it; the listener stays. */
    @Override
    public void targetChanged() {
        closeConnectionsOnFlush();
    }
}
