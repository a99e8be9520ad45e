package app.kftray.forward.udp.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves forwards of protocol {@code udp}: a local UDP socket per forward; each local peer
 * gets its own framed stream to the forward's relay pod, so replies reach the peer that asked.
 */
@Component(service = ProtocolHandler.class, configurationPid = UdpProtocolHandler.PID,
        property = ProtocolHandler.PROTOCOL + "=" + UdpProtocolHandler.NAME)
@Designate(ocd = UdpProtocolHandler.Settings.class)
public final class UdpProtocolHandler implements ProtocolHandler {
    /** The protocol name this handler serves. */
    public static final String NAME = "udp";
    /** Configuration PID. */
    public static final String PID = "app.kftray.forward.udp";
    private static final Logger LOG = LoggerFactory.getLogger(UdpProtocolHandler.class);
    private static final long STOP_WAIT_SECONDS = 5;
    private static final long DEFAULT_IDLE_SECONDS = 60;

    /** Settings of the udp handler. */
    @ObjectClassDefinition(name = "kftray udp forwarding")
    public @interface Settings {
        /** @return seconds a local peer's flow may be idle before its stream to the relay is closed */
        @AttributeDefinition(description = "Seconds a local peer may be silent before its relay stream is closed")
        long flow_idle_timeout_seconds() default DEFAULT_IDLE_SECONDS;
    }

    private final Duration idleTimeout;
    private final Set<UdpForward> forwards = ConcurrentHashMap.newKeySet();

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
        UdpForward forward = UdpForward.bind(context, idleTimeout, forwards::remove);
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
            LOG.warn("udp forwards did not stop within {} s", STOP_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping udp forwards failed", e);
        }
    }
}
