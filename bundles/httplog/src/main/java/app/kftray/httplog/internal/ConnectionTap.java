package app.kftray.httplog.internal;

import app.kftray.api.HttpLogService.HttpTap;
import io.netty.buffer.ByteBuf;

/** The forwarder's handle on one connection's log: hands copies to the dispatcher and never blocks or throws. */
final class ConnectionTap implements HttpTap {
    private final TapDispatcher dispatcher;
    private final ConnectionLog log;

    ConnectionTap(TapDispatcher dispatcher, ConnectionLog log) {
        this.dispatcher = dispatcher;
        this.log = log;
    }

    @Override
    public void clientBytes(ByteBuf copy) {
        if (copy != null) {
            dispatcher.offer(log, Direction.CLIENT, copy);
        }
    }

    @Override
    public void serverBytes(ByteBuf copy) {
        if (copy != null) {
            dispatcher.offer(log, Direction.SERVER, copy);
        }
    }

    @Override
    public void close() {
        dispatcher.requestClose(log);
    }
}
