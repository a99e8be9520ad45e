package app.kftray.engine.internal;

import app.kftray.api.KubeAccess.PodChange;
import app.kftray.api.KubeException;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.PodRef;
import app.kftray.api.model.ResolvedTarget;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows where one forward's new connections go. Every pod choice goes through the forward's
 * {@link TargetChooser}; the chosen pod is watched, and when it goes away, stops being ready, or
 * a handler reports it unreachable, the target is chosen again, with backoff while none is
 * available. What happens is told to the forward's lifecycle through {@link Events}.
 *
 * <p>Everything but {@link #serving()} and {@link #checkSoon()} runs on the forward's serial
 * executor, which also runs the watch and timer callbacks, so the fields need no locks.
 */
final class TargetTracker {
    private static final Logger LOG = LoggerFactory.getLogger(TargetTracker.class);

    /** What the tracker tells the forward's lifecycle; always on the serial executor. */
    interface Events {
        /** The target is chosen and its pod watched: new connections reach it. */
        void targetReady();

        /**
         * A new choice was made after the target was lost or reported failing; {@link #targetReady}
         * or {@link #targetLost} follows at once.
         *
         * @param otherTarget whether it differs from the target before, whose connections must go
         */
        void reconnected(boolean otherTarget);

        /** @param reason why there is no target now; retries follow with backoff */
        void targetLost(String reason);

        /** @param problem why no target is available yet; another attempt follows */
        void retrying(String problem);

        /** @param problem a failure that retrying cannot fix, such as a service that does not exist */
        void failed(String problem);
    }

    private enum Phase { IDLE, FOLLOWING, SEARCHING }

    private final long configId;
    private final EngineServices services;
    private final Executor serial;
    private final Events events;
    private final Backoff backoff;
    private final AtomicBoolean checkPending = new AtomicBoolean();
    /** Where new connections go; {@code null} while there is none. Read by handlers on any thread. */
    private volatile ResolvedTarget serving;

    private Phase phase = Phase.IDLE;
    private ForwardConfig config;
    private TargetChooser chooser;
    /** The target chosen last, kept while searching so that a return to it keeps its connections. */
    private ResolvedTarget last;
    private String firstProblem;
    private AutoCloseable watch;
    private long watchSeq;
    private Future<?> retry;
    /** Counts releases, so that a retry scheduled before one is ignored. */
    private long generation;

    TargetTracker(long configId, EngineServices services, Executor serial, Events events) {
        this.configId = configId;
        this.services = services;
        this.serial = serial;
        this.events = events;
        EngineSettings settings = services.settings();
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), new Random());
    }

    /**
     * Makes the first choice, before the handler binds, so that a forward whose target cannot
     * exist fails with nothing bound.
     *
     * @param forward the definition
     * @param choice  how its targets are chosen; released by {@link #release()}
     * @return the target, or {@code null} after a problem worth retrying (told as {@link Events#retrying})
     * @throws KubeException when no retry can help
     */
    ResolvedTarget firstTarget(ForwardConfig forward, TargetChooser choice) {
        config = forward;
        chooser = choice;
        try {
            return chooser.choose(config);
        } catch (KubeException e) {
            if (!retryable(e)) {
                throw e;
            }
            firstProblem = e.getMessage();
            events.retrying(firstProblem);
            return null;
        }
    }

    /** @param first what {@link #firstTarget} returned: follow it, or search with backoff */
    void follow(ResolvedTarget first) {
        if (first != null) {
            watch(first);
        } else {
            lose(firstProblem);
        }
    }

    /** @return where new connections go now, or {@code null} while there is no target; any thread */
    ResolvedTarget serving() {
        return serving;
    }

    /** @return the pod of the target chosen last, or {@code null} */
    String podName() {
        return last == null ? null : last.pod().name();
    }

    /** A handler could not reach the target: choose again soon, at most once per check interval; any thread. */
    void checkSoon() {
        if (checkPending.compareAndSet(false, true)) {
            try {
                services.timer().schedule(() -> serial.execute(this::check),
                        services.settings().targetCheck().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                checkPending.set(false);
            }
        }
    }

    /**
     * Checks the target at once, e.g. after a network change or a resume from sleep: a followed
     * target is chosen again (a pod that went meanwhile is replaced), a search retries now instead
     * of after its backoff. Any thread.
     */
    void checkNow() {
        serial.execute(() -> {
            if (phase == Phase.SEARCHING) {
                cancelRetry();
                backoff.reset();
                retry(generation);
            } else {
                check();
            }
        });
    }

    /** Stops watching and retrying and releases what the chooser set up (such as a relay pod). */
    void release() {
        release(true);
    }

    /**
     * Stops watching and retrying, leaving what the chooser set up (such as a relay pod) to the process
     * that took the forward over.
     */
    void abandon() {
        release(false);
    }

    private void release(boolean releaseSetUp) {
        generation++;
        cancelRetry();
        closeWatch();
        if (chooser != null && releaseSetUp) {
            try {
                chooser.release(config);
            } catch (RuntimeException e) {
                LOG.warn("releasing the target of forward {} failed", configId, e);
            }
        }
        chooser = null;
        phase = Phase.IDLE;
        serving = null;
        last = null;
        firstProblem = null;
    }

    private void watch(ResolvedTarget target) {
        serving = target;
        last = target;
        backoff.reset();
        long seq = ++watchSeq;
        try {
            watch = services.kube().watch(target.pod(), (watched, change) ->
                    serial.execute(() -> podChanged(seq, watched, change)));
        } catch (RuntimeException e) {
            lose("cannot watch pod " + target.pod() + ": " + e.getMessage());
            return;
        }
        phase = Phase.FOLLOWING;
        events.targetReady();
    }

    private void podChanged(long seq, PodRef watched, PodChange change) {
        if (seq != watchSeq || phase != Phase.FOLLOWING || change == PodChange.READY) {
            return;
        }
        lose(switch (change) {
            case DELETED -> "pod " + watched + " was deleted";
            case NOT_READY -> "pod " + watched + " is not ready";
            default -> "lost the watch on pod " + watched + "; the API server may be unreachable";
        });
    }

    private void lose(String reason) {
        closeWatch();
        serving = null;
        phase = Phase.SEARCHING;
        events.targetLost(reason);
        scheduleRetry();
    }

    private void scheduleRetry() {
        long gen = generation;
        retry = services.timer().schedule(() -> serial.execute(() -> retry(gen)),
                backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(long gen) {
        if (gen != generation || phase != Phase.SEARCHING) {
            return;
        }
        try {
            switchTo(chooser.choose(config));
        } catch (KubeException e) {
            if (!retryable(e)) {
                events.failed(e.getMessage());
                return;
            }
            events.retrying(e.getMessage());
            scheduleRetry();
        } catch (RuntimeException e) {
            events.retrying(String.valueOf(e.getMessage()));
            scheduleRetry();
        }
    }

    private void check() {
        checkPending.set(false);
        if (phase != Phase.FOLLOWING) {
            return;
        }
        try {
            ResolvedTarget target = chooser.choose(config);
            if (!target.equals(last)) {
                switchTo(target);
            }
        } catch (KubeException e) {
            if (retryable(e)) {
                lose(e.getMessage());
            } else {
                events.failed(e.getMessage());
            }
        }
    }

    private void switchTo(ResolvedTarget target) {
        boolean otherTarget = last != null && !target.equals(last);
        closeWatch();
        events.reconnected(otherTarget);
        watch(target);
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void closeWatch() {
        watchSeq++;
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("closing the pod watch of forward {} failed", configId, e);
            }
            watch = null;
        }
    }

    private static boolean retryable(KubeException e) {
        return e.reason() == KubeException.Reason.UNREACHABLE || e.reason() == KubeException.Reason.NOT_READY;
    }
}
