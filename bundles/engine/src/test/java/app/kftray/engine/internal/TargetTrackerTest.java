package app.kftray.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ResolvedTarget;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tracker alone: what it tells the forward's lifecycle as pods and the API server come and go. */
class TargetTrackerTest {
    private final FakeCluster cluster = new FakeCluster();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final SerialExecutor serial = new SerialExecutor(pool);
    private final Told told = new Told();
    private final TargetTracker tracker = new TargetTracker(1, new EngineServices(null, null, cluster, null, null,
            null, null, null, null, null, pool, timer, EngineTestBase.FAST), serial, told);
    private final ForwardConfig web = ForwardConfig.builder().alias("web").namespace("default").service("web")
            .remotePort(80).build();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void followsTheChosenPodAndMovesToAnotherWhenItIsDeleted() throws Exception {
        cluster.addPod("web", "web-a", 1001);

        onSerial(() -> tracker.follow(tracker.firstTarget(web, cluster::resolve)));

        assertEquals("ready web-a", told.next());
        assertEquals(1001, tracker.serving().port());
        cluster.addPod("web", "web-b", 1002);
        cluster.deletePod("web-a");
        assertEquals("lost: pod default/web-a was deleted", told.next());
        assertEquals("reconnected to another target", told.next());
        assertEquals("ready web-b", told.next());
        assertEquals(1, cluster.openWatches());
    }

    @Test
    void anUnreachableClusterAtFirstIsRetriedWithBackoffUntilItAnswers() throws Exception {
        cluster.addPod("web", "web-a", 1001);
        cluster.loseApi();

        ResolvedTarget first = onSerial(() -> tracker.firstTarget(web, cluster::resolve));
        onSerial(() -> tracker.follow(first));

        assertNull(first);
        assertEquals("retrying: the API server of context 'fake' is unreachable", told.next());
        assertEquals("lost: the API server of context 'fake' is unreachable", told.next());
        assertEquals("retrying: the API server of context 'fake' is unreachable", told.next());
        assertNull(tracker.serving());
        cluster.restoreApi();
        String next = told.next();
        while (next.startsWith("retrying")) {
            next = told.next();
        }
        assertEquals("reconnected to the same target", next);
        assertEquals("ready web-a", told.next());
    }

    @Test
    void releaseStopsWatchingAndRetrying() throws Exception {
        cluster.addPod("web", "web-a", 1001);
        onSerial(() -> tracker.follow(tracker.firstTarget(web, cluster::resolve)));
        assertEquals("ready web-a", told.next());
        cluster.ready("web-a", false);
        assertEquals("lost: pod default/web-a is not ready", told.next());

        onSerial(tracker::release);

        assertEquals(0, cluster.openWatches());
        assertNull(tracker.podName());
        told.drain();
        assertNull(told.next(300), "no retry after the release");
    }

    private <T> T onSerial(Supplier<T> task) throws Exception {
        return CompletableFuture.supplyAsync(task, serial).get(5, TimeUnit.SECONDS);
    }

    private void onSerial(Runnable task) throws Exception {
        CompletableFuture.runAsync(task, serial).get(5, TimeUnit.SECONDS);
    }

    /** What the tracker told, as text, in order. */
    private final class Told implements TargetTracker.Events {
        private final BlockingQueue<String> told = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            return next(5000);
        }

        String next(long millis) throws InterruptedException {
            return told.poll(millis, TimeUnit.MILLISECONDS);
        }

        void drain() {
            told.clear();
        }

        @Override
        public void targetReady() {
            told.add("ready " + tracker.podName());
        }

        @Override
        public void reconnected(boolean otherTarget) {
            told.add("reconnected to " + (otherTarget ? "another" : "the same") + " target");
        }

        @Override
        public void targetLost(String reason) {
            told.add("lost: " + reason);
        }

        @Override
        public void retrying(String problem) {
            told.add("retrying: " + problem);
        }

        @Override
        public void failed(String problem) {
            told.add("failed: " + problem);
        }
    }
}
