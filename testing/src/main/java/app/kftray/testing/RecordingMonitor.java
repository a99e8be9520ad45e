package app.kftray.testing;

import app.kftray.api.ForwardMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ForwardMonitor} that remembers what it was told. */
public final class RecordingMonitor implements ForwardMonitor {
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Throwable> targetFailures = new CopyOnWriteArrayList<>();
    private final List<Duration> connectLatencies = new CopyOnWriteArrayList<>();

    @Override
    public void connectionOpened(String peer) {
        opened.incrementAndGet();
    }

    @Override
    public void connectionClosed(String peer) {
        closed.incrementAndGet();
    }

    @Override
    public void bytesIn(long bytes) {
        bytesIn.addAndGet(bytes);
    }

    @Override
    public void bytesOut(long bytes) {
        bytesOut.addAndGet(bytes);
    }

    @Override
    public void connectionError(String message) {
        errors.add(message);
    }

    @Override
    public void targetFailed(Throwable error) {
        targetFailures.add(error);
    }

    @Override
    public void targetConnected(Duration took) {
        connectLatencies.add(took);
    }

    /** @return how long each stream to the target took to open, in order */
    public List<Duration> connectLatencies() {
        return List.copyOf(connectLatencies);
    }

    /** @return connections opened */
    public long opened() {
        return opened.get();
    }

    /** @return connections closed */
    public long closed() {
        return closed.get();
    }

    /** @return bytes delivered to clients */
    public long bytesIn() {
        return bytesIn.get();
    }

    /** @return bytes delivered to the pod side */
    public long bytesOut() {
        return bytesOut.get();
    }

    /** @return connection errors, oldest first */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** @return target failures, oldest first */
    public List<Throwable> targetFailures() {
        return List.copyOf(targetFailures);
    }
}
