package app.kftray.engine.internal;

import app.kftray.api.ForwardListener;
import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import app.kftray.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener keeping every event it hears. */
final class EventLog implements ForwardListener {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<ForwardEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void forwardEvent(ForwardEvent event) {
        events.add(event);
    }

    List<ForwardEvent> events() {
        return List.copyOf(events);
    }

    /** @return the statuses entered by forward {@code id}, in order */
    List<ForwardStatus> statuses(long id) {
        return events.stream().filter(e -> e.configId() == id && e.type() == ForwardEvent.Type.STATE_CHANGED)
                .map(e -> e.state().status()).toList();
    }

    /** Waits until forward {@code id} has entered exactly these statuses, in this order. */
    void awaitStatuses(long id, ForwardStatus... expected) {
        List<ForwardStatus> wanted = List.of(expected);
        Await.until("statuses " + wanted + " of forward " + id + " (so far " + statuses(id) + ")", WAIT,
                () -> statuses(id).equals(wanted));
    }

    /** @return the last state-change event of forward {@code id} */
    ForwardEvent lastChange(long id) {
        return events.stream().filter(e -> e.configId() == id && e.type() == ForwardEvent.Type.STATE_CHANGED)
                .reduce((a, b) -> b).orElseThrow();
    }
}
