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
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            loops.group().next().execute(() -> {
                threadNames.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(1, TimeUnit.SECONDS));
        assertEquals(2, threadNames.size(), "tasks ran on " + threadNames);
        assertTrue(threadNames.stream().allMatch(n -> n.startsWith("kftray-io")));

        loops.shutdown();

        assertTrue(loops.group().isTerminated());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && threadNames.contains(t.getName())), "event loop threads survived");
    }
}
