package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleWithJitterUpToTheMaximumAndStartOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(1));
        long[] steps = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long step : steps) {
            long delay = backoff.nextDelayMillis();
            assertTrue(delay >= step / 2 && delay <= step, "delay " + delay + " outside [" + step / 2 + ", " + step + "]");
        }
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 100);
    }

    @Test
    void forwardsLosingTheSameClusterDoNotRetryInLockStep() {
        Set<Long> firstDelays = new HashSet<>();
        for (int forward = 0; forward < 20; forward++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), new Random());
            firstDelays.add(backoff.nextDelayMillis());
        }
        assertTrue(firstDelays.size() > 10, "delays " + firstDelays);
    }

    @Test
    void maximumBelowTheInitialDelayIsRaisedToIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofMillis(10), new Random(3));
        backoff.nextDelayMillis();
        long later = backoff.nextDelayMillis();
        assertTrue(later >= 200 && later <= 400, "delay " + later);
    }
}
