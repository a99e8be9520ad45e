package app.kftray.ui.tui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogFollowerTest {
    private final LogFollower log = new LogFollower(null, Runnable::run, Runnable::run);

    @Test
    void filtersAreTypedAsKeyValueWords() {
        log.filter("status=5xx method=get path=/api");
        assertEquals("status=5xx method=GET path=/api", log.filterText());
        log.filter("");
        assertEquals("none", log.filterText());
    }

    @Test
    void aBadFilterIsRefusedWithWhatToTypeAndTheOldOneStays() {
        log.filter("status=404");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> log.filter("colour=red"));
        assertTrue(unknown.getMessage().contains("unknown filter 'colour=red'"), unknown.getMessage());
        IllegalArgumentException badStatus = assertThrows(IllegalArgumentException.class, () -> log.filter("status=42"));
        assertTrue(badStatus.getMessage().contains("status filter must be a code"), badStatus.getMessage());
        assertEquals("status=404", log.filterText());
    }
}
