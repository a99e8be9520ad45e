package app.kftray.itests.forward;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.ForwardState;
import app.kftray.api.model.ForwardStatus;
import app.kftray.emulator.EchoServer;
import app.kftray.emulator.KubeEmulator;
import app.kftray.emulator.PodHandle;
import app.kftray.itests.forward.fixture.Cluster;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Forwards in one namespace follow their pods on one shared watch: the API server sees one pod
 * watch however many forwards run, and a pod's death still moves every forward on it to the new pod.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharedPodWatchIT extends ForwardTestSupport {
    private static final int SERVICES = 3;
    private static final int FORWARDS_PER_SERVICE = 3;
    private static final long WAIT_MS = 20_000;
    private static final Duration WAIT = Duration.ofMillis(WAIT_MS);

    @Test
    public void forwardsInOneNamespaceShareOneWatchAndAllFollowAPodDeath() throws Exception {
        KubeEmulator emulator = cluster().emulator();
        awaitTrue("no pod watch is left open by earlier tests", WAIT, () -> emulator.openPodWatches() == 0);
        Map<String, List<ForwardConfig>> byService = new LinkedHashMap<>();
        for (int s = 0; s < SERVICES; s++) {
            String service = "shared-" + s;
            cluster().service(service, cluster().echo().address());
            List<ForwardConfig> configs = new ArrayList<>();
            for (int f = 0; f < FORWARDS_PER_SERVICE; f++) {
                configs.add(saveService(service, "80", 0));
            }
            byService.put(service, configs);
        }
        long startedBefore = emulator.podWatchesStarted();
        Map<Long, InetSocketAddress> locals = new LinkedHashMap<>();
        for (List<ForwardConfig> configs : byService.values()) {
            for (ForwardConfig config : configs) {
                locals.put(config.id(), startRunning(config.id()));
            }
        }
        awaitTrue("one pod watch open for " + locals.size() + " forwards", WAIT, () -> emulator.openPodWatches() == 1);
        assertEquals("pod watches started for " + locals.size() + " forwards in one namespace",
                1, emulator.podWatchesStarted() - startedBefore);

        EchoServer replacement = cluster().echo();
        PodHandle old = emulator.requirePod(Cluster.NAMESPACE, "shared-0-1");
        PodHandle next = emulator.restart(old, replacement.address(), Duration.ZERO);
        for (ForwardConfig config : byService.get("shared-0")) {
            awaitTrue("forward " + config.id() + " follows the new pod " + next.name(), WAIT, () -> {
                ForwardState state = forwards.status(config.id());
                return state.status() == ForwardStatus.RUNNING && next.name().equals(state.pod());
            });
            InetSocketAddress local = locals.get(config.id());
            awaitTrue("forward " + config.id() + " carries traffic to the new pod", WAIT, () -> Clients.echoes(local));
        }
        assertTrue("every forward of the dead pod reached the new one: " + replacement.acceptedConnections(),
                replacement.acceptedConnections() >= FORWARDS_PER_SERVICE);
        for (String service : List.of("shared-1", "shared-2")) {
            for (ForwardConfig config : byService.get(service)) {
                ForwardState state = forwards.status(config.id());
                assertEquals("a forward of another pod stays", ForwardStatus.RUNNING, state.status());
                assertEquals(service + "-1", state.pod());
                InetSocketAddress local = locals.get(config.id());
                awaitTrue("forward " + config.id() + " of another pod carries traffic", WAIT,
                        () -> Clients.echoes(local));
            }
        }
        assertEquals("still one pod watch after the pod death", 1, emulator.openPodWatches());

        forwards.stopAll().toCompletableFuture().get(WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        awaitTrue("the watch closes with the last forward", WAIT, () -> emulator.openPodWatches() == 0);
    }
}
