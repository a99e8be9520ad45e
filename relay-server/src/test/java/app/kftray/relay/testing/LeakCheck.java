package app.kftray.relay.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collects the reports of Netty's buffer leak detector, which the build runs at PARANOID
 * level, so a test can assert that nothing leaked instead of hoping someone reads the log.
 */
public final class LeakCheck {

    private static final List<String> LEAKS = new ArrayList<>();
    private static boolean installed;

    private LeakCheck() {
    }

    /** Hooks into the buffer leak detector (once per JVM) and checks it runs at PARANOID. */
    public static synchronized void install() {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
                "tests must run with -Dio.netty.leakDetection.level=paranoid");
        if (installed) {
            return;
        }
        try {
            // The detector of every ByteBuf is a package-private static of AbstractByteBuf.
            Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
            detector.setLeakListener((type, records) -> {
                synchronized (LeakCheck.class) {
                    LEAKS.add(type + ": " + records);
                }
            });
            installed = true;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot reach Netty's buffer leak detector", e);
        }
    }

    /**
     * Makes unreachable leaked buffers collectable, lets the detector find them, and fails if
     * any was reported since {@link #install()}.
     */
    public static void assertNoLeaks() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            // The detector looks for collected, unreleased buffers whenever a new one is tracked.
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
        synchronized (LeakCheck.class) {
            assertTrue(LEAKS.isEmpty(), "buffers leaked: " + LEAKS);
        }
    }
}
