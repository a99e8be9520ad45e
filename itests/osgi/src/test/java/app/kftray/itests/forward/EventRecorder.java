package app.kftray.itests.forward;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link ForwardListener} that keeps every event, so a test can wait for and inspect them. */
final class EventRecorder implements ForwardListener {
    private final List<ForwardEvent> events = new ArrayList<>();

    @Override
    public synchronized void forwardEvent(ForwardEvent event) {
        events.add(event);
        notifyAll();
    }

    /** @return the statuses entered, in order */
    synchronized List<ForwardStatus> statuses() {
        return events.stream().filter(e -> e.type() == ForwardEvent.Type.STATE_CHANGED)
                .map(e -> e.state().status()).collect(Collectors.toList());
    }

    /** @return the messages of ERROR events, in order */
    synchronized List<String> errors() {
        return events.stream().filter(e -> e.type() == ForwardEvent.Type.ERROR)
                .map(ForwardEvent::message).collect(Collectors.toList());
    }

    /**
     * @param status    a status
     * @param after     how many status changes to skip
     * @param timeoutMs how long to wait
     * @return whether the forward entered {@code status} as change number {@code after} or later
     */
    synchronized boolean awaitStatus(ForwardStatus status, int after, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            List<ForwardStatus> seen = statuses();
            if (seen.subList(Math.min(after, seen.size()), seen.size()).contains(status)) {
                return true;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
    }

    /**
     * @param text      part of an error message
     * @param timeoutMs how long to wait
     * @return whether an ERROR event containing {@code text} arrived
     */
    synchronized boolean awaitError(String text, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (errors().stream().noneMatch(m -> m != null && m.contains(text))) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
