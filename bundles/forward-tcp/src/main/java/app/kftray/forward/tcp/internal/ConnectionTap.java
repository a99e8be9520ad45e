package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.HttpLogService.HttpTap;
import io.netty.buffer.ByteBuf;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands copies of a connection's bytes to the HTTP log, if it is enabled. A failing tap
 * is dropped and logged; it never affects the forwarded bytes.
 */
final class ConnectionTap {
    /** A tap that does nothing, for forwards without HTTP logging. */
    static final ConnectionTap NONE = new ConnectionTap(null, null);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTap.class);

    private final String connectionId;
    private HttpTap tap;

    private ConnectionTap(HttpTap tap, String connectionId) {
        this.tap = tap;
        this.connectionId = connectionId;
    }

    /**
     * @param context      the forward
     * @param connectionId the connection within it
     * @return a tap on the HTTP log, or {@link #NONE}
     */
    static ConnectionTap open(ForwardContext context, String connectionId) {
        return context.httpLog().map(log -> {
            try {
                return new ConnectionTap(log.open(context.config(), connectionId), connectionId);
            } catch (RuntimeException e) {
                LOG.warn("HTTP log unavailable for connection {} of forward '{}'", connectionId,
                        context.config().displayName(), e);
                return NONE;
            }
        }).orElse(NONE);
    }

    /** @param data bytes the client sent; a retained duplicate goes to the tap */
    void clientBytes(ByteBuf data) {
        copy(data, HttpTap::clientBytes);
    }

    /** @param data bytes the pod sent; a retained duplicate goes to the tap */
    void serverBytes(ByteBuf data) {
        copy(data, HttpTap::serverBytes);
    }

    private void copy(ByteBuf data, BiConsumer<HttpTap, ByteBuf> side) {
        if (tap != null) {
            try {
                side.accept(tap, data.retainedDuplicate());
            } catch (RuntimeException e) {
                LOG.warn("HTTP log of connection {} failed; logging stops for it", connectionId, e);
                tap = null;
            }
        }
    }

    void close() {
        if (tap != null) {
            try {
                tap.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the HTTP log of connection {} failed", connectionId, e);
            }
            tap = null;
        }
    }
}
