package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.HttpLogService.HttpTap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands copies of a connection's bytes to the HTTP log: what the client sends as it is read,
 * what the pod sends as it is written to the client. A failing tap is dropped and logged; it
 * never affects the forwarded bytes.
 */
final class ConnectionTap extends ChannelDuplexHandler {
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
     * @return a tap on the HTTP log, or empty when the forward has none or it cannot be opened
     */
    static Optional<ConnectionTap> open(ForwardContext context, String connectionId) {
        return context.httpLog().flatMap(log -> {
            try {
                return Optional.of(new ConnectionTap(log.open(context.config(), connectionId), connectionId));
            } catch (RuntimeException e) {
                LOG.warn("HTTP log unavailable for connection {} of forward '{}'", connectionId,
                        context.config().displayName(), e);
                return Optional.empty();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            copy(data, HttpTap::clientBytes);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf data && data.isReadable()) { // not the empty write that ends a connection
            copy(data, HttpTap::serverBytes);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        ctx.fireChannelInactive();
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

    private void close() {
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
