package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import app.kftray.net.LiveForwards;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves forwards of protocol {@code socks5}: one local SOCKS5 listener per forward through
 * which a client reaches every service and pod of the forward's namespace by name
 * ({@code curl --socks5-hostname 127.0.0.1:1080 http://web.dev.svc/}). Names are resolved
 * through the cluster on a small lookup pool; bytes move on the shared event loops.
 */
@Component(service = ProtocolHandler.class, configurationPid = Socks5ProtocolHandler.PID,
        property = ProtocolHandler.PROTOCOL + "=" + Socks5ProtocolHandler.NAME)
@Designate(ocd = Socks5Settings.class)
public final class Socks5ProtocolHandler implements ProtocolHandler {
    /** The protocol name this handler serves. */
    public static final String NAME = "socks5";
    /** Configuration PID of the shared settings (credentials, handshake timeout). */
    public static final String PID = "app.kftray.protocol.socks5";
    private static final Logger LOG = LoggerFactory.getLogger(Socks5ProtocolHandler.class);
    private static final int LOOKUP_THREADS = 4;
    private static final int LOOKUP_QUEUE = 256;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final LiveForwards<Socks5Forward> forwards = new LiveForwards<>(NAME);
    private final ThreadPoolExecutor lookups;
    private volatile Socks5Policy policy;

    /** @param settings credentials and timeouts */
    @Activate
    public Socks5ProtocolHandler(Socks5Settings settings) {
        this(Socks5Policy.of(settings));
    }

    /**
     * A handler with the default settings (no authentication, ten-second handshake), for
     * running the data path outside the framework, as benchmarks do.
     *
     * @return a handler; its lookup threads are daemons that end after 30 s idle
     */
    public static Socks5ProtocolHandler withDefaults() {
        return new Socks5ProtocolHandler(Socks5Policy.open());
    }

    Socks5ProtocolHandler(Socks5Policy policy) {
        this.policy = policy;
        lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(LOOKUP_QUEUE), new DefaultThreadFactory("kftray-socks5-lookup", true));
        lookups.allowCoreThreadTimeOut(true);
    }

    /** New settings apply to connections accepted from now on; running forwards keep running. */
    @Modified
    void modified(Socks5Settings settings) {
        policy = Socks5Policy.of(settings);
        LOG.info("socks5 settings changed: {}", policy);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    /** Binds the listener; blocks until bound, so it must not be called on an event loop. */
    @Override
    public RunningForward start(ForwardContext context) {
        return forwards.add(Socks5Forward.bind(context, () -> policy, lookups, forwards::remove));
    }

    /** Normally the engine stops its forwards first; this releases any socket left behind, then the pool. */
    @Deactivate
    void deactivate() {
        forwards.stopAll(STOP_WAIT);
        lookups.shutdownNow();
    }

    /** @return forwards running now */
    int runningForwards() {
        return forwards.size();
    }
}
