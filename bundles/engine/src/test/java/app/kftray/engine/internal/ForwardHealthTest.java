package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardHealthTest {
    private final List<String> told = new ArrayList<>();
    private final ForwardHealth health = new ForwardHealth(new ForwardHealth.Changes() {
        @Override
        public void degraded(String error) {
            told.add("degraded: " + error);
        }

        @Override
        public void recovered() {
            told.add("recovered");
        }
    });

    @Test
    void degradedAfterThreeFailuresInARowAndHealthyAtTheFirstSuccess() {
        health.failed(new IOException("refused"));
        health.failed(new IOException("refused"));
        assertEquals(List.of(), told, "two failures can be chance");
        assertFalse(health.degraded());

        health.failed(new IOException("refused"));
        health.failed(new IOException("refused"));
        assertEquals(List.of("degraded: refused"), told, "told once, not per failure");
        assertTrue(health.degraded());

        health.failed(new IOException("timed out"));
        assertEquals(List.of("degraded: refused", "degraded: timed out"), told, "a new error is told");

        health.reached();
        health.reached();
        assertEquals(List.of("degraded: refused", "degraded: timed out", "recovered"), told);
        assertFalse(health.degraded());
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        health.failed(new IOException("a"));
        health.failed(new IOException("b"));
        health.reached();
        health.failed(new IOException("c"));
        health.failed(new IOException("d"));
        assertEquals(List.of(), told);
    }

    @Test
    void anErrorWithoutMessageIsDescribedByItsCause() {
        for (int i = 0; i < ForwardHealth.FAILURES_DEGRADED; i++) {
            health.failed(new RuntimeException(new IOException("the relay refused")));
        }
        assertEquals(List.of("degraded: java.io.IOException: the relay refused"), told);
    }
}
