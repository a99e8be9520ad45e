package app.kftray.forward.tcp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.net.LiveForwards;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Serves forwards of protocol {@code tcp}: a local listener per forward whose connections
 * are spliced onto streams to the forward's current pod, all on the shared event loops.
 */
@Component(service = ProtocolHandler.class, property = ProtocolHandler.PROTOCOL + "=" + TcpProtocolHandler.NAME)
public final class TcpProtocolHandler implements ProtocolHandler {
    /** The protocol name this handler serves. */
    public static final String NAME = "tcp";
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final LiveForwards<TcpForward> forwards = new LiveForwards<>(NAME);

    @Override
    public String protocol() {
        return NAME;
    }

    /**
     * Binds the listener; blocks until bound, so it must not be called on an event loop.
     */
    @Override
    public RunningForward start(ForwardContext context) {
        return forwards.add(TcpForward.bind(context, forwards::remove));
    }

    /** Normally the engine stops its forwards first; this releases any socket it left behind. */
    @Deactivate
    void deactivate() {
        forwards.stopAll(STOP_WAIT);
    }
}
