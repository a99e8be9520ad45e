package app.kftray.forward.expose.internal;

import app.kftray.api.ForwardContext;
import app.kftray.api.KftrayException;
import app.kftray.api.RunningForward;
import app.kftray.api.model.ResolvedTarget;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running expose forward: holds a control stream to the relay's current pod and reconnects it, with
 * backoff, whenever it ends (a restarted pod, an API server outage, a new pod from the engine); each
 * connection the relay announces is carried by an {@link ExposedConnection}. All state changes run on one
 * event loop.
 */
final class ExposeForward implements RunningForward {
    private static final Logger LOG = LoggerFactory.getLogger(ExposeForward.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final ForwardContext context;
    private final Supplier<String> secret;
    private final Consumer<RunningForward> onStopped;
    private final EventLoop loop;
    private final InetSocketAddress local;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private ControlStream control;
    private Duration retry = FIRST_RETRY;
    private boolean stopping;

    private ExposeForward(ForwardContext context, Supplier<String> secret, Consumer<RunningForward> onStopped) {
        this.context = context;
        this.secret = secret;
        this.onStopped = onStopped;
        this.loop = context.group().next();
        this.local = new InetSocketAddress(context.config().effectiveLocalAddress(), context.config().localPort());
        if (local.isUnresolved()) {
            throw new KftrayException("forward '" + context.config().displayName() + "': cannot resolve local_address '"
                    + context.config().effectiveLocalAddress() + "'");
        }
    }

    /**
     * @param context   the forward
     * @param secret    the relay's secret, asked again at each reconnect (a redeployed relay has a new one)
     * @param onStopped told once the forward has stopped
     * @return the forward, its control stream being opened
     */
    static ExposeForward start(ForwardContext context, Supplier<String> secret, Consumer<RunningForward> onStopped) {
        ExposeForward forward = new ExposeForward(context, secret, onStopped);
        forward.loop.execute(forward::connect);
        return forward;
    }

    /** The local port the cluster's connections are carried to; nothing listens here on kftray's behalf. */
    @Override
    public InetSocketAddress boundAddress() {
        return local;
    }

    @Override
    public void targetChanged() {
        loop.execute(() -> {
            if (control != null) {
                control.close();
            }
        });
    }

    @Override
    public CompletionStage<Void> stop() {
        loop.execute(() -> {
            stopping = true;
            if (control != null) {
                control.close();
            }
            stopped.complete(null);
            onStopped.accept(this);
        });
        return stopped;
    }

    private void connect() {
        if (stopping) {
            return;
        }
        ResolvedTarget target;
        try {
            target = context.currentTarget();
        } catch (KftrayException e) {
            retryLater("no relay pod is ready: " + e.getMessage());
            return;
        }
        control = new ControlStream(context, target, secret.get(), local, loop, this::onControlEnded,
                () -> retry = FIRST_RETRY);
        control.open();
    }

    /** Runs on the loop when a control stream ended for any reason. */
    private void onControlEnded(ControlStream ended, Throwable why) {
        if (ended != control || stopping) {
            return;
        }
        control = null;
        String reason = why == null ? "the relay closed it" : String.valueOf(why.getMessage());
        context.monitor().targetFailed(new KftrayException("the control stream to the relay of forward '"
                + context.config().displayName() + "' ended: " + reason));
        retryLater(reason);
    }

    private void retryLater(String reason) {
        LOG.info("expose forward '{}': reconnecting to its relay in {} ms ({})", context.config().displayName(),
                retry.toMillis(), reason);
        loop.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
    }
}
