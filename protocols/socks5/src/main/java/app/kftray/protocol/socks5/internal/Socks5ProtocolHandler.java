package app.kftray.protocol.socks5.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.ProtocolHandler;
import app.kftray.api.RunningForward;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final long STOP_WAIT_SECONDS = 5;

    private final Set<Socks5Forward> forwards = ConcurrentHashMap.newKeySet();
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
        Socks5Forward forward = Socks5Forward.bind(context, () -> policy, lookups, forwards::remove);
        forwards.add(forward);
        return forward;
    }

    /** Normally the engine stops its forwards first; this releases any socket left behind, then the pool. */
    @Deactivate
    void deactivate() {
        CompletableFuture<?>[] stops = forwards.stream()
                .map(f -> f.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("socks5 forwards did not stop within {} s", STOP_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping socks5 forwards failed", e);
        } finally {
            lookups.shutdownNow();
        }
    }

    /** @return forwards running now */
    int runningForwards() {
        return forwards.size();
    }
}
