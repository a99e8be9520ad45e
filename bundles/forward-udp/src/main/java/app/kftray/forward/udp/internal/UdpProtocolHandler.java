package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.net.LiveForwards;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves forwards of protocol {@code udp}: a local UDP socket per forward; each local peer
 * gets its own framed stream to the forward's relay pod, so replies reach the peer that asked.
 * A pod port-forward carries only TCP, so the handler declares that its forwards need the relay.
 */
@Component(service = ProtocolHandler.class, configurationPid = UdpProtocolHandler.PID,
        property = {ProtocolHandler.PROTOCOL + "=" + UdpProtocolHandler.NAME,
            ProtocolHandler.NEEDS_RELAY + ":Boolean=true"})
@Designate(ocd = UdpProtocolHandler.Settings.class)
public final class UdpProtocolHandler implements ProtocolHandler {
    /** The protocol name this handler serves. */
    public static final String NAME = "udp";
    /** Configuration PID. */
    public static final String PID = "app.kftray.forward.udp";
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final long DEFAULT_IDLE_SECONDS = 60;

    /** Settings of the udp handler. */
    @ObjectClassDefinition(name = "kftray udp forwarding")
    public @interface Settings {
        /** @return seconds a local peer's flow may be idle before its stream to the relay is closed */
        @AttributeDefinition(description = "Seconds a local peer may be silent before its relay stream is closed")
        long flow_idle_timeout_seconds() default DEFAULT_IDLE_SECONDS;
    }

    private final Duration idleTimeout;
    private final LiveForwards<UdpForward> forwards = new LiveForwards<>(NAME);

    /** @param settings the component configuration */
    @Activate
    public UdpProtocolHandler(Settings settings) {
        this(Duration.ofSeconds(Math.max(1, settings.flow_idle_timeout_seconds())));
    }

    /**
     * A handler with the default settings, for use outside a framework (benchmarks, tools).
     *
     * @return a handler whose flows close after {@value #DEFAULT_IDLE_SECONDS} s idle
     */
    public static UdpProtocolHandler withDefaults() {
        return new UdpProtocolHandler(Duration.ofSeconds(DEFAULT_IDLE_SECONDS));
    }

    /** @param idleTimeout how long a peer's flow may be idle */
    UdpProtocolHandler(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public String protocol() {
        return NAME;
    }

    /** Binds the socket; blocks until bound, so it must not be called on an event loop. */
    @Override
    public RunningForward start(ForwardContext context) {
        return forwards.add(UdpForward.bind(context, idleTimeout, forwards::remove));
    }

    /** Normally the engine stops its forwards first; this releases any socket it left behind. */
    @Deactivate
    void deactivate() {
        forwards.stopAll(STOP_WAIT);
    }
}
