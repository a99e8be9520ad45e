package app.kftray.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polls of one period share a thread and its wake-ups; one that left neither runs again nor is still running. */
class SharedPollsTest {
    private static final Duration PERIOD = Duration.ofMillis(37); // no other test polls at this period

    @Test
    void pollsOfOnePeriodRunOnOneThreadAndAFailingOneDoesNotStopTheOthers() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(6);
        try (SharedPolls.Membership failing = SharedPolls.join(PERIOD, () -> {
                threads.add(Thread.currentThread());
                both.countDown();
                throw new IllegalStateException("a broken poll");
            });
             SharedPolls.Membership counting = SharedPolls.join(PERIOD, () -> {
                 threads.add(Thread.currentThread());
                 both.countDown();
             })) {
            assertTrue(both.await(5, TimeUnit.SECONDS), "both ran, three times in all between them");
            assertEquals(1, threads.size(), "one thread for both: " + threads);
            assertEquals("kftray-db-poll", threads.iterator().next().getName());
        }
    }

    @Test
    void aPollThatLeftIsNeitherRunningNorRunAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        SharedPolls.Membership slow = SharedPolls.join(PERIOD, () -> {
            inside.set(true);
            started.countDown();
            runs.incrementAndGet();
            sleep(200);
            inside.set(false);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        slow.close();
        assertFalse(inside.get(), "close waited for the run in progress");
        int after = runs.get();
        Thread.sleep(PERIOD.toMillis() * 5);
        assertEquals(after, runs.get(), "no run after leaving");
        slow.close(); // a second close does nothing
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
