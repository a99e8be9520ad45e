package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extensions listed in this module's test {@code META-INF/services}, as a fragment would list them. */
class DesktopExtensionsTest {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static volatile DesktopSession seen;

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void startsEveryExtensionWithTheSessionAndClosesThemNewestFirst() {
        DesktopSession session = new DesktopSession(null, () -> null, () -> { }, null, null);
        DesktopExtensions extensions = DesktopExtensions.start(session);
        assertSame(session, seen);
        assertEquals(List.of("start First", "start Second"), EVENTS, "the failing one is left out");
        extensions.close();
        assertEquals(List.of("start First", "start Second", "close Second", "close First"), EVENTS);
    }

    /** Records its start and close. */
    public static class First implements DesktopExtension {
        @Override
        public AutoCloseable start(DesktopSession session) {
            seen = session;
            String name = getClass().getSimpleName();
            EVENTS.add("start " + name);
            return () -> EVENTS.add("close " + name);
        }
    }

    /** A second one, so that the order shows. */
    public static final class Second extends First {
    }

    /** Cannot start. */
    public static final class Failing implements DesktopExtension {
        @Override
        public AutoCloseable start(DesktopSession session) {
            throw new IllegalStateException("port in use");
        }
    }
}
