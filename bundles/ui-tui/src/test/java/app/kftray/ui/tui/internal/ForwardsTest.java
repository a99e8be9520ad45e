package app.kftray.ui.tui.internal;

import static app.kftray.ui.tui.internal.Fixtures.config;
import static app.kftray.ui.tui.internal.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.kftray.api.model.ForwardEvent;
import app.kftray.api.model.ForwardStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardsTest {
    private final Forwards forwards = new Forwards();

    ForwardsTest() {
        forwards.setConfigs(List.of(config(1, "web", null)));
    }

    private Optional<String> event(ForwardStatus status) {
        return forwards.apply(new ForwardEvent(ForwardEvent.Type.STATE_CHANGED, 1, state(1, status, 0), null,
                Instant.now()));
    }

    @Test
    void failuresAndRecoveriesAreAnnouncedAsTheyHappenButAnOrdinaryStartIsNot() {
        assertEquals(Optional.empty(), event(ForwardStatus.STARTING));
        assertEquals(Optional.empty(), event(ForwardStatus.RUNNING));
        assertEquals(Optional.of("web lost its connection and is reconnecting"), event(ForwardStatus.RECONNECTING));
        assertEquals(Optional.of("web recovered"), event(ForwardStatus.RUNNING));
        assertEquals(Optional.of("web failed: pod gone"), event(ForwardStatus.FAILED));
        assertEquals(ForwardStatus.FAILED, forwards.row(1).orElseThrow().state().status());
    }
}
