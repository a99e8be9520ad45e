package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves forwards of protocol {@code tcp}: a local listener per forward whose connections
 * are spliced onto streams to the forward's current pod, all on the shared event loops.
 */
@Component(service = ProtocolHandler.class, property = ProtocolHandler.PROTOCOL + "=" + TcpProtocolHandler.NAME)
public final class TcpProtocolHandler implements ProtocolHandler {
    /** The protocol name this handler serves. */
    public static final String NAME = "tcp";
    private static final Logger LOG = LoggerFactory.getLogger(TcpProtocolHandler.class);
    private static final long STOP_WAIT_SECONDS = 5;

    private final Set<TcpForward> forwards = ConcurrentHashMap.newKeySet();

    @Override
    public String protocol() {
        return NAME;
    }

    /**
     * Binds the listener; blocks until bound, so it must not be called on an event loop.
     */
    @Override
    public RunningForward start(ForwardContext context) {
        TcpForward forward = TcpForward.bind(context, forwards::remove);
        forwards.add(forward);
        return forward;
    }

    /** Normally the engine stops its forwards first; this releases any socket it left behind. */
    @Deactivate
    void deactivate() {
        CompletableFuture<?>[] stops = forwards.stream()
                .map(f -> f.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("tcp forwards did not stop within {} s", STOP_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping tcp forwards failed", e);
        }
    }
}
