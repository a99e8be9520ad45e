package app.kftray.engine.internal;

import app.kftray.api.ForwardMonitor;
import app.kftray.api.model.ForwardCounters;
import app.kftray.api.model.ForwardEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Counts one forward's traffic with {@link LongAdder}s (called from every event loop at
 * once) and turns connection reports into events; remembers whether anything changed
 * since the counters were last written.
 */
final class TrafficMonitor implements ForwardMonitor {
    private final LongAdder active = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final BiConsumer<ForwardEvent.Type, String> events;
    private final Consumer<Throwable> targetFailures;
    private final Consumer<Duration> targetConnections;
    private final Runnable targetReached;

    /**
     * @param events            told about connection events and errors
     * @param targetFailures    told when the handler could not reach the target
     * @param targetConnections told how long each stream to the target took to open
     * @param targetReached     told when a connection or flow got its first bytes from the target
     */
    TrafficMonitor(BiConsumer<ForwardEvent.Type, String> events, Consumer<Throwable> targetFailures,
                   Consumer<Duration> targetConnections, Runnable targetReached) {
        this.events = events;
        this.targetFailures = targetFailures;
        this.targetConnections = targetConnections;
        this.targetReached = targetReached;
    }

    @Override
    public void connectionOpened(String peer) {
        active.increment();
        total.increment();
        changed.set(true);
        events.accept(ForwardEvent.Type.CONNECTION_OPENED, peer);
    }

    @Override
    public void connectionClosed(String peer) {
        active.decrement();
        changed.set(true);
        events.accept(ForwardEvent.Type.CONNECTION_CLOSED, peer);
    }

    @Override
    public void bytesIn(long bytes) {
        bytesIn.add(bytes);
        changed.set(true);
    }

    @Override
    public void bytesOut(long bytes) {
        bytesOut.add(bytes);
        changed.set(true);
    }

    @Override
    public void connectionError(String message) {
        events.accept(ForwardEvent.Type.ERROR, message);
    }

    @Override
    public void targetFailed(Throwable error) {
        targetFailures.accept(error);
    }

    @Override
    public void targetConnected(Duration took) {
        targetConnections.accept(took);
    }

    @Override
    public void targetReached() {
        targetReached.run();
    }

    /** Counts a recovery from a lost pod or API server. */
    void reconnected() {
        reconnects.increment();
        changed.set(true);
    }

    /** Starts from zero, for a new start of the forward. */
    void reset() {
        for (LongAdder adder : new LongAdder[] {active, total, bytesIn, bytesOut, reconnects}) {
            adder.reset();
        }
        changed.set(false);
    }

    /** @return whether counters changed since the last call */
    boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** @return the counters now */
    ForwardCounters snapshot() {
        return new ForwardCounters(active.sum(), total.sum(), bytesIn.sum(), bytesOut.sum(), reconnects.sum());
    }
}
