package app.kftray.net;

import app.kftray.api.ForwardMonitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps what a forward's connections report. */
final class RecordingMonitor implements ForwardMonitor {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong bytesOut = new AtomicLong();

    @Override
    public void connectionOpened(String peer) {
        events.add("opened " + peer);
    }

    @Override
    public void connectionClosed(String peer) {
        events.add("closed " + peer);
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
        errors.add("target failed: " + error.getMessage());
    }
}
