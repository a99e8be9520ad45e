package app.kftray.api;

import app.kftray.api.model.ForwardConfig;
import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Passive HTTP logging of forwarded connections: the forwarder hands copies of the
 * bytes to a tap; parsing happens off the data path and never alters or delays them.
 */
@ProviderType
public interface HttpLogService {

    /**
     * @param config       the forward
     * @param connectionId a unique id of the connection within the forward
     * @return a tap for this connection
     */
    HttpTap open(ForwardConfig config, String connectionId);

    /** Receives copies of one connection's bytes. Never blocks; drops (and counts) when behind. */
    interface HttpTap extends AutoCloseable {
        /** @param copy bytes the client sent; the tap owns and releases them */
        void clientBytes(ByteBuf copy);

        /** @param copy bytes the server sent; the tap owns and releases them */
        void serverBytes(ByteBuf copy);

        /** The connection ended. */
        @Override
        void close();
    }
}
