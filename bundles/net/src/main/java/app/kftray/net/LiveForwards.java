package app.kftray.net;

import app.kftray.api.RunningForward;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwards a protocol handler is running, so that deactivating the handler releases every
 * socket the engine left behind. Thread-safe.
 *
 * @param <F> the handler's forward type
 */
public final class LiveForwards<F extends RunningForward> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveForwards.class);

    private final String protocol;
    private final Set<F> forwards = ConcurrentHashMap.newKeySet();

    /** @param protocol the handler's protocol, for log messages */
    public LiveForwards(String protocol) {
        this.protocol = protocol;
    }

    /**
     * @param forward a forward that has just started
     * @return the forward
     */
    public F add(F forward) {
        forwards.add(forward);
        return forward;
    }

    /** @param forward a forward that has stopped; any running forward may be passed, as stop callbacks do */
    public void remove(RunningForward forward) {
        forwards.remove(forward);
    }

    /** @return forwards running now */
    public int size() {
        return forwards.size();
    }

    /**
     * Stops every forward and waits for them; logs instead of throwing, as it runs on deactivation.
     *
     * @param timeout how long to wait for all of them
     */
    public void stopAll(Duration timeout) {
        CompletableFuture<?>[] stops = forwards.stream()
                .map(f -> f.stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} forwards did not stop within {} ms", protocol, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("stopping {} forwards failed", protocol, e);
        }
    }
}
