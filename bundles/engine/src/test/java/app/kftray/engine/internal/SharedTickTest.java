package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several periodic duties on one timer wake-up, each at its own period. */
class SharedTickTest {
    @Test
    void eachDutyRunsOnTheTicksItsPeriodCovers() {
        List<String> ran = new ArrayList<>();
        SharedTick tick = new SharedTick(Duration.ofMillis(250))
                .every("control", Duration.ofMillis(250), () -> ran.add("control"))
                .every("counters", Duration.ofSeconds(1), () -> ran.add("counters"))
                .every("slow", Duration.ofMillis(600), () -> ran.add("slow"));
        for (int i = 0; i < 8; i++) {
            tick.run();
        }
        assertEquals(8, ran.stream().filter("control"::equals).count());
        assertEquals(2, ran.stream().filter("counters"::equals).count(), "every fourth tick: once a second");
        assertEquals(4, ran.stream().filter("slow"::equals).count(), "600 ms rounds down to two ticks, never later");
        assertEquals(List.of("control", "slow", "control"), ran.subList(1, 4), "in the order they were added");
    }

    @Test
    void aFailingDutyDoesNotStopTheOthersNorTheNextTicks() {
        List<Integer> ran = new ArrayList<>();
        SharedTick tick = new SharedTick(Duration.ofSeconds(1))
                .every("broken", Duration.ofSeconds(1), () -> {
                    throw new IllegalStateException("bug");
                })
                .every("counting", Duration.ofSeconds(1), () -> ran.add(ran.size()));
        tick.run();
        tick.run();
        assertEquals(List.of(0, 1), ran);
    }

    @Test
    void aTickMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SharedTick(Duration.ZERO));
    }
}
