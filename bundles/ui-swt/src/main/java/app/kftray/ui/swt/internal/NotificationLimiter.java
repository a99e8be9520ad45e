package app.kftray.ui.swt.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps notifications from flooding the desktop when forwards flap: one per subject (a forward and
 * what happened to it) per {@code perSubject}, and at most {@code burst} of any kind per
 * {@code window}. What it holds back is counted and mentioned in the next one that passes.
 */
final class NotificationLimiter {
    private final Supplier<Instant> clock;
    private final Duration perSubject;
    private final int burst;
    private final Duration window;
    private final Map<String, Instant> lastBySubject = new HashMap<>();
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int heldBack;

    /**
     * @param clock      the time
     * @param perSubject least time between two notifications about the same subject
     * @param burst      most notifications within {@code window}
     * @param window     the burst window
     */
    NotificationLimiter(Supplier<Instant> clock, Duration perSubject, int burst, Duration window) {
        this.clock = clock;
        this.perSubject = perSubject;
        this.burst = burst;
        this.window = window;
    }

    /** @return the desktop's limits: one per forward and event kind per minute, three per 30 seconds */
    static NotificationLimiter standard() {
        return new NotificationLimiter(Instant::now, Duration.ofMinutes(1), 3, Duration.ofSeconds(30));
    }

    /**
     * @param subject what the message is about, e.g. {@code 7:failed}
     * @param message the message
     * @return the text to show, or empty when it is held back
     */
    Optional<String> admit(String subject, String message) {
        Instant now = clock.get();
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.removeFirst();
        }
        Instant last = lastBySubject.get(subject);
        if (last != null && now.isBefore(last.plus(perSubject)) || recent.size() >= burst) {
            heldBack++;
            return Optional.empty();
        }
        lastBySubject.put(subject, now);
        recent.addLast(now);
        String text = heldBack == 0 ? message
                : message + " (" + heldBack + " more held back; see the kftray window)";
        heldBack = 0;
        return Optional.of(text);
    }

    /** @return how many are held back since the last one shown */
    int heldBack() {
        return heldBack;
    }
}
