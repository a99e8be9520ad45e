package app.kftray.httplog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cheaper instant text is exactly {@link Instant#toString()}, whatever the fraction. */
class IsoInstantsTest {

    @Test
    void formatsLikeInstantToString() {
        Random random = new Random(5);
        long[] seconds = {0, -1, 1_700_000_000L, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L - 1};
        int[] nanos = {0, 1, 10, 999, 1_000, 120_000, 999_999, 1_000_000, 5_000_000, 123_000_000, 123_456_000,
            123_456_789, 999_999_999};
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                assertEquals(instant.toString(), IsoInstants.format(instant));
            }
        }
        Instant now = Instant.now();
        for (int i = 0; i < 10_000; i++) {
            Instant instant = now.plusNanos(random.nextInt(3_000_000) * (random.nextBoolean() ? 1L : 1_000L));
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
        assertEquals("null", IsoInstants.format(null));
    }
}
