package app.kftray.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedEventLoopsTest {

    @Test
    void runsTasksOnTheConfiguredNumberOfThreadsAndLeavesNoneAfterShutdown() throws Exception {
        SharedEventLoops loops = new SharedEventLoops(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            loops.group().next().execute(() -> {
                threads.add(Thread.currentThread());
                done.countDown();
            });
        }
        assertTrue(done.await(1, TimeUnit.SECONDS));
        assertEquals(2, threads.size(), "tasks ran on " + threads);
        assertTrue(threads.stream().allMatch(t -> t.getName().startsWith("kftray-io")));

        loops.shutdown();

        assertTrue(loops.group().isTerminated());
        for (Thread thread : threads) {
            thread.join(2000); // a terminated loop's thread is still finishing its last frames
            assertFalse(thread.isAlive(), thread.getName() + " survived");
        }
    }
}
