package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NotificationLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final NotificationLimiter limiter = new NotificationLimiter(now::get, Duration.ofMinutes(1), 3,
            Duration.ofSeconds(30));

    private void later(long seconds) {
        now.set(now.get().plusSeconds(seconds));
    }

    @Test
    void oneNotificationPerSubjectPerMinuteTheRestCountedInTheNext() {
        assertEquals(Optional.of("web failed"), limiter.admit("1:FAILED", "web failed"));
        later(10);
        assertEquals(Optional.empty(), limiter.admit("1:FAILED", "web failed"));
        assertEquals(1, limiter.heldBack());
        assertEquals(Optional.of("web recovered (1 more held back; see the kftray window)"),
                limiter.admit("1:RUNNING", "web recovered"), "another kind of news about it passes");
        assertEquals(0, limiter.heldBack());
        later(51);
        assertEquals(Optional.of("web failed"), limiter.admit("1:FAILED", "web failed"));
    }

    @Test
    void atMostThreeWithinThirtySecondsWhateverTheSubject() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of("f" + i), limiter.admit(i + ":FAILED", "f" + i));
        }
        assertEquals(Optional.empty(), limiter.admit("4:FAILED", "f4"));
        assertEquals(Optional.empty(), limiter.admit("5:FAILED", "f5"));
        assertEquals(2, limiter.heldBack());
        later(30);
        assertEquals(Optional.of("f6 (2 more held back; see the kftray window)"), limiter.admit("6:FAILED", "f6"));
    }
}
